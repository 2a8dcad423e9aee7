import type { FolderName, SandboxDraft, SandboxMessage, SandboxSeed, SandboxUser } from '../../common/mail/mail-types';

/** One user's mailbox as the page shows it. */
export interface UserMailbox {
  user: SandboxUser;
  /** Every folder's messages, newest first. */
  messages: SandboxMessage[];
  folder: FolderName;
  /** Selected item ids, in the order they were selected. */
  selection: string[];
  /** Where a Shift-selection starts. */
  anchor: string | null;
  /** The message being written, if any (one at a time, inline in the reading pane). */
  draft: SandboxDraft | null;
}

export interface LogEntry { at: string; user: string; text: string }

export interface SandboxState {
  seed: SandboxSeed;
  activeUser: string;
  /** Pinned: the pane stays open and hears ItemChanged; unpinned: it reopens for each item. */
  pinned: boolean;
  /** Bumped to close and reopen the pane ("restart"). */
  paneGeneration: number;
  mailboxes: Record<string, UserMailbox>;
  log: LogEntry[];
}

type Listener = () => void;

/** The page's state, changed only through `update`, so the host and the UI see the same thing. */
export class SandboxStore {
  private listeners = new Set<Listener>();

  constructor(private state: SandboxState) {}

  getState = (): SandboxState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: (state: SandboxState) => SandboxState): void {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    for (const listener of Array.from(this.listeners)) listener();
  }

  mailbox(address: string): UserMailbox {
    const mailbox = this.state.mailboxes[address];
    if (!mailbox) throw new Error(`${address} has no mailbox in the sandbox`);
    return mailbox;
  }

  updateMailbox(address: string, change: (mailbox: UserMailbox) => UserMailbox): void {
    this.update((state) => {
      const current = state.mailboxes[address];
      if (!current) return state;
      const next = change(current);
      return next === current ? state : { ...state, mailboxes: { ...state.mailboxes, [address]: next } };
    });
  }

  updateDraft(address: string, draftId: string, change: (draft: SandboxDraft) => SandboxDraft): void {
    this.updateMailbox(address, (mailbox) => (mailbox.draft && mailbox.draft.draftId === draftId ? { ...mailbox, draft: change(mailbox.draft) } : mailbox));
  }

  updateMessage(address: string, itemId: string, change: (message: SandboxMessage) => SandboxMessage): void {
    this.updateMailbox(address, (mailbox) => ({ ...mailbox, messages: mailbox.messages.map((message) => (message.itemId === itemId ? change(message) : message)) }));
  }

  log(user: string, text: string): void {
    this.update((state) => ({ ...state, log: [...state.log.slice(-199), { at: new Date().toISOString(), user, text }] }));
  }
}

/** The state a fresh sandbox starts with. */
export function initialState(seed: SandboxSeed): SandboxState {
  const mailboxes: Record<string, UserMailbox> = {};
  for (const user of seed.users) {
    mailboxes[user.address] = { user, messages: seed.mailboxes[user.address] ?? [], folder: 'inbox', selection: [], anchor: null, draft: null };
  }
  return { seed, activeUser: seed.users[0]!.address, pinned: true, paneGeneration: 0, mailboxes, log: [] };
}

const SAVED_STATE_KEY = 'docket-sandbox:page-state';

/** The mailboxes as they were when the page was last open on this database (sent mail survives a reload). */
export function restoreState(seed: SandboxSeed, storage: Storage): SandboxState {
  const fresh = initialState(seed);
  try {
    const saved = JSON.parse(storage.getItem(SAVED_STATE_KEY) ?? 'null') as { sandboxId: string; state: Pick<SandboxState, 'activeUser' | 'pinned' | 'mailboxes'> } | null;
    if (!saved || saved.sandboxId !== seed.sandboxId) return fresh;
    const mailboxes: Record<string, UserMailbox> = {};
    for (const [address, mailbox] of Object.entries(fresh.mailboxes)) {
      const kept = saved.state.mailboxes[address];
      mailboxes[address] = kept ? { ...mailbox, messages: kept.messages, folder: kept.folder, draft: kept.draft ? { ...kept.draft, status: 'editing' } : null } : mailbox;
    }
    return { ...fresh, activeUser: fresh.mailboxes[saved.state.activeUser] ? saved.state.activeUser : fresh.activeUser, pinned: saved.state.pinned, mailboxes };
  } catch {
    return fresh;
  }
}

export function saveState(state: SandboxState, storage: Storage): void {
  try {
    storage.setItem(SAVED_STATE_KEY, JSON.stringify({ sandboxId: state.seed.sandboxId, state: { activeUser: state.activeUser, pinned: state.pinned, mailboxes: state.mailboxes } }));
  } catch (error) {
    console.warn('Docket sandbox: could not save the mailboxes', error);
  }
}
