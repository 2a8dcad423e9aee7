/// <reference types="office-js" />
import { officeAsync } from './office-async';
import { composeMessageOf } from './office-compose-message';
import { OfficeEventRelay } from './office-event-relay';
import { readMessageOf } from './office-read-message';
import type { MailboxHost, MailItem, ReadMessage, SelectedItem } from './mailbox';

function isReadItem(item: Office.MessageRead | Office.MessageCompose): item is Office.MessageRead {
  // Read mode exposes the subject as a string; compose mode as an object with getAsync.
  return typeof (item as { subject: unknown }).subject === 'string';
}

function supports(office: typeof Office, version: string): boolean {
  try {
    return office.context.requirements.isSetSupported('Mailbox', version);
  } catch {
    return false;
  }
}

function missingRequirement(what: string, version: string): Error {
  return new Error(`${what} needs Outlook's Mailbox requirement set ${version}, which this Outlook does not support. Open each message and track it on its own.`);
}

/**
 * The mailbox interface over Office.js, for the task pane. The adapter for the current item
 * is kept until Outlook says the item changed, so its loaded custom properties are reused.
 */
export function createOfficeMailbox(office: typeof Office): MailboxHost {
  const mailbox = office.context.mailbox;
  let adapted: { item: object; message: MailItem | null } | null = null;
  let loaded: Office.LoadedMessageRead | null = null;
  let loads: Promise<unknown> = Promise.resolve();

  const forgetCurrentItem = (): void => {
    adapted = null;
  };
  const itemChanged = new OfficeEventRelay(mailbox, office.EventType.ItemChanged, forgetCurrentItem);
  const selectionChanged = new OfficeEventRelay(mailbox, office.EventType.SelectedItemsChanged);

  async function unloadPrevious(): Promise<void> {
    const previous = loaded;
    loaded = null;
    if (previous) await officeAsync<void>((callback) => previous.unloadAsync(callback)).catch(() => undefined);
  }

  return {
    userAddress: mailbox.userProfile.emailAddress,
    userName: mailbox.userProfile.displayName,

    currentItem() {
      const item = mailbox.item as Office.MessageRead | Office.MessageCompose | null | undefined;
      if (!item) return null;
      if (adapted?.item === item) return adapted.message;
      const isMessage = String(item.itemType) === 'message';
      const message = !isMessage ? null : isReadItem(item) ? readMessageOf(item, office) : composeMessageOf(item, office);
      adapted = { item, message };
      return message;
    },

    onItemChanged(listener) {
      return itemChanged.subscribe(listener);
    },

    async getSelectedItems(): Promise<SelectedItem[]> {
      if (typeof mailbox.getSelectedItemsAsync !== 'function' || !supports(office, '1.13')) throw missingRequirement('Working with several selected messages', '1.13');
      const items = await officeAsync<Office.SelectedItemDetails[]>((callback) => mailbox.getSelectedItemsAsync(callback));
      return (items ?? [])
        .filter((item) => item.itemId && String(item.itemType) === 'message')
        .map((item) => ({ itemId: item.itemId, subject: item.subject ?? '' }));
    },

    onSelectionChanged(listener) {
      return selectionChanged.subscribe(listener);
    },

    loadMessage(itemId): Promise<ReadMessage> {
      // Outlook holds one loaded item at a time: each load waits for the previous one and unloads it first.
      const next = loads.then(async () => {
        if (typeof mailbox.loadItemByIdAsync !== 'function' || !supports(office, '1.15')) throw missingRequirement('Opening a selected message by its id', '1.15');
        await unloadPrevious();
        const item = await officeAsync<Office.LoadedMessageRead | Office.LoadedMessageCompose>((callback) => mailbox.loadItemByIdAsync(itemId, callback));
        if (typeof (item as { subject: unknown }).subject !== 'string') {
          await officeAsync<void>((callback) => item.unloadAsync(callback)).catch(() => undefined);
          throw new Error('The selected message is a draft being written; only sent or received messages can be tracked in bulk.');
        }
        loaded = item as Office.LoadedMessageRead;
        return readMessageOf(loaded, office);
      });
      loads = next.catch(() => undefined);
      return next;
    },

    theme() {
      try {
        const theme = office.context.officeTheme;
        if (!theme?.bodyBackgroundColor || !theme.bodyForegroundColor) return null;
        return { bodyBackgroundColor: theme.bodyBackgroundColor, bodyForegroundColor: theme.bodyForegroundColor };
      } catch {
        return null;
      }
    },
  };
}
