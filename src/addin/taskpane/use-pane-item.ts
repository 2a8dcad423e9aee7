import { useEffect, useState } from 'react';
import { useServices, type ComposeMessage, type MailItem, type ReadMessage, type SelectedItem } from './services';

/** What the pane is about: one read message, a draft, several selected messages, or nothing. */
export type PaneItem =
  | { kind: 'none' }
  | { kind: 'read'; message: ReadMessage }
  | { kind: 'compose'; message: ComposeMessage }
  | { kind: 'selection'; items: SelectedItem[] };

/** A pinned pane may hear ItemChanged more than once for one message: keep the object so nothing reloads. */
function sameItem(previous: MailItem | null, next: MailItem | null): MailItem | null {
  if (previous?.kind === 'read' && next?.kind === 'read' && previous.itemId === next.itemId && previous.internetMessageId === next.internetMessageId) {
    return previous;
  }
  return next;
}

export function usePaneItem(): PaneItem {
  const { mailbox } = useServices();
  const [item, setItem] = useState<MailItem | null>(() => mailbox.currentItem());
  const [selection, setSelection] = useState<SelectedItem[]>([]);

  useEffect(() => {
    let latest = 0;
    const refreshSelection = () => {
      const read = ++latest;
      mailbox.getSelectedItems().then(
        (items) => read === latest && setSelection(items),
        // Hosts without multi-select (before Mailbox 1.13) simply have no selection.
        () => read === latest && setSelection([]),
      );
    };
    const refresh = () => {
      setItem((previous) => sameItem(previous, mailbox.currentItem()));
      refreshSelection();
    };
    refresh();
    const stopItem = mailbox.onItemChanged(refresh);
    const stopSelection = mailbox.onSelectionChanged(refresh);
    return () => {
      latest++;
      stopItem();
      stopSelection();
    };
  }, [mailbox]);

  if (selection.length > 1) return { kind: 'selection', items: selection };
  if (item?.kind === 'read') return { kind: 'read', message: item };
  if (item?.kind === 'compose') return { kind: 'compose', message: item };
  return { kind: 'none' };
}
