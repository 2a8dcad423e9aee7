import { formatAddressList, parseAddressList } from '../../common/mail/addresses';
import { base64OfBytes } from '../../common/mail/base64';
import { bodyAs, htmlToText } from '../../common/mail/bodies';
import { newItemId } from '../../common/mail/identifiers';
import { rawHeaderBlock } from '../../common/mail/internet-headers';
import type { NotificationMessage, SandboxAttachment, SandboxDraft, SandboxMessage } from '../../common/mail/mail-types';
import { draftBodyHtml } from '../model/compose';
import { directoryOf } from '../model/delivery';
import type { SandboxStore } from '../model/sandbox-state';
import { ITEM_CHANGED, SELECTION_CHANGED, type ComposeItemData, type FrameBinding, type ItemData, type ItemRef, type NotificationData, type RecipientField } from './frame-binding';
import { emailAddressData, readItemData, selectedItemsOf } from './item-data';
import { officeErrors } from './office-errors';

/** Prefix of the page's localStorage keys that hold each user's OfficeRuntime.storage. */
export const STORAGE_PREFIX = 'docket-sandbox:storage:';
const NOTIFICATION_LIMITS = { key: 32, message: 150, count: 5 };

/** One add-in frame the sandbox hosts, and what the add-in registered in it. */
export interface FrameRecord {
  element: HTMLIFrameElement;
  kind: 'taskpane' | 'events';
  user: string;
  handlers: Map<string, Array<(args: { type: string }) => void>>;
  associations: Map<string, (event: unknown) => void>;
  loadedItemId: string | null;
  /** The item of the launch event being handled (event runtime only). */
  eventItem: ComposeItemData | null;
  lastItemKey: string;
  lastSelectionKey: string;
}

export interface BindingOptions {
  latencyMs: number;
  storage: Storage;
}

interface BindingContext {
  store: SandboxStore;
  options: BindingOptions;
  record: FrameRecord;
  /** The user's item as the task pane sees it. */
  currentItem(user: string): ItemData | null;
  /** Called when the frame associates a launch event function. */
  onAssociate(): void;
}

/**
 * What one add-in frame's Office shim may ask of the page: every Office call Docket makes,
 * answered from the page's state with Outlook's rules (an item that is no longer current fails
 * with APICallFailedDueToItemChange, one item loaded at a time, notification limits, custom
 * properties saved as one whole).
 */
export function createFrameBinding(context: BindingContext): FrameBinding {
  const { store, options, record, currentItem, onAssociate } = context;
  const user = record.user;
  const mailbox = () => store.mailbox(user);
  const storageKey = (key: string) => `${STORAGE_PREFIX}${user}:${key}`;
  const domain = store.getState().seed.domain;

  const message = (ref: ItemRef): SandboxMessage => {
    if (ref.kind !== 'message') throw officeErrors.invalidParameter('This call needs a message in read mode.');
    const current = currentItem(user);
    const isCurrent = current?.mode === 'read' && current.itemId === ref.itemId;
    if (record.kind === 'taskpane' && !isCurrent && record.loadedItemId !== ref.itemId) throw officeErrors.itemChanged();
    const found = mailbox().messages.find((candidate) => candidate.itemId === ref.itemId);
    if (!found) throw officeErrors.itemNotFound('The message');
    return found;
  };
  const draft = (ref: ItemRef, api = 'This call'): SandboxDraft => {
    if (ref.kind !== 'draft') throw officeErrors.composeOnly(api);
    const found = mailbox().draft;
    if (!found || found.draftId !== ref.draftId) throw officeErrors.itemNotFound('The message being written');
    return found;
  };
  const changeDraft = (ref: ItemRef, change: (current: SandboxDraft) => SandboxDraft) => {
    const current = draft(ref);
    store.updateDraft(user, current.draftId, change);
  };
  const attachmentsOf = (ref: ItemRef): SandboxAttachment[] => (ref.kind === 'draft' ? draft(ref).attachments : message(ref).attachments);
  const notificationsOf = (ref: ItemRef): NotificationMessage[] => (ref.kind === 'draft' ? draft(ref).notifications : (message(ref).notifications ?? []));
  const setNotifications = (ref: ItemRef, notifications: NotificationMessage[]) => {
    if (ref.kind === 'draft') changeDraft(ref, (current) => ({ ...current, notifications }));
    else store.updateMessage(user, message(ref).itemId, (current) => ({ ...current, notifications }));
  };

  return {
    frameKind: record.kind,
    user: { emailAddress: user, displayName: mailbox().user.name, timeZone: 'UTC', accountType: 'enterprise' },
    officeTheme: { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#242424', controlBackgroundColor: '#ffffff', controlForegroundColor: '#242424' },
    mailboxVersion: '1.15',
    latencyMs: options.latencyMs,
    storage: {
      getItem: (key) => options.storage.getItem(storageKey(key)),
      setItem: (key, value) => options.storage.setItem(storageKey(key), value),
      removeItem: (key) => options.storage.removeItem(storageKey(key)),
      keys: () =>
        Object.keys(options.storage)
          .filter((key) => key.startsWith(storageKey('')))
          .map((key) => key.slice(storageKey('').length)),
    },
    storagePrefix: `docket-sandbox:${user}:`,

    currentItem: () => (record.kind === 'events' ? record.eventItem : currentItem(user)),

    body: async (ref, coercion) => {
      if (ref.kind === 'draft') {
        const current = draft(ref);
        return coercion === 'html' ? draftBodyHtml(current) : [current.text, htmlToText(current.quotedHtml)].filter(Boolean).join('\n\n');
      }
      return bodyAs(message(ref).body, coercion);
    },
    bodyType: async (ref) => (ref.kind === 'draft' ? (draft(ref), 'html') : message(ref).body.type),
    setBody: async (ref, content, coercion, how) => {
      const text = coercion === 'html' ? htmlToText(content) : content;
      changeDraft(ref, (current) => (how === 'set' ? { ...current, text, quotedHtml: '' } : { ...current, text: `${text}${current.text}` }));
    },
    allInternetHeaders: async (ref) => {
      if (ref.kind === 'draft') throw officeErrors.invalidParameter('getAllInternetHeadersAsync is only available in read mode.');
      return rawHeaderBlock(message(ref));
    },
    attachmentContent: async (ref, attachmentId) => {
      const attachment = attachmentsOf(ref).find((candidate) => candidate.id === attachmentId);
      if (!attachment) throw officeErrors.invalidAttachmentId();
      if (attachment.contentBase64 !== undefined) return { format: 'base64', content: attachment.contentBase64 };
      if (!attachment.contentUrl) throw officeErrors.attachmentUnavailable(attachment.name);
      const response = await fetch(attachment.contentUrl).catch(() => null);
      if (!response?.ok) throw officeErrors.attachmentUnavailable(attachment.name);
      return { format: 'base64', content: base64OfBytes(new Uint8Array(await response.arrayBuffer())) };
    },
    composeAttachments: async (ref) =>
      draft(ref, 'getAttachmentsAsync').attachments.map((attachment) => ({
        id: attachment.id,
        name: attachment.name,
        size: attachment.size,
        isInline: attachment.isInline,
        attachmentType: 'file' as const,
      })),
    customProperties: async (ref) => ({ ...(ref.kind === 'draft' ? draft(ref).customProperties : message(ref).customProperties) }),
    saveCustomProperties: async (ref, values) => {
      // Outlook keeps an add-in's custom properties in one property of the item: a save replaces them all.
      if (ref.kind === 'draft') changeDraft(ref, (current) => ({ ...current, customProperties: { ...values } }));
      else store.updateMessage(user, message(ref).itemId, (current) => ({ ...current, customProperties: { ...values } }));
    },
    notifications: async (ref) => notificationsOf(ref).map((notification) => ({ ...notification })),
    putNotification: async (ref, notification: NotificationData, how) => {
      if (!notification.key || notification.key.length > NOTIFICATION_LIMITS.key) throw officeErrors.invalidParameter(`A notification key has 1 to ${NOTIFICATION_LIMITS.key} characters.`);
      if (!notification.message || notification.message.length > NOTIFICATION_LIMITS.message) throw officeErrors.invalidParameter(`A notification message has 1 to ${NOTIFICATION_LIMITS.message} characters.`);
      if (notification.type === 'informationalMessage' && (typeof notification.icon !== 'string' || typeof notification.persistent !== 'boolean')) {
        throw officeErrors.invalidParameter('An informational message needs an icon and persistent.');
      }
      const current = notificationsOf(ref);
      const exists = current.some((candidate) => candidate.key === notification.key);
      if (how === 'add' && exists) throw officeErrors.duplicateNotificationKey();
      if (!exists && current.length >= NOTIFICATION_LIMITS.count) throw officeErrors.tooManyNotifications();
      setNotifications(ref, exists ? current.map((candidate) => (candidate.key === notification.key ? notification : candidate)) : [...current, notification]);
    },
    removeNotification: async (ref, key) => {
      const current = notificationsOf(ref);
      if (!current.some((candidate) => candidate.key === key)) throw officeErrors.notificationKeyNotFound();
      setNotifications(
        ref,
        current.filter((candidate) => candidate.key !== key),
      );
    },

    subject: async (ref) => draft(ref, 'subject.getAsync').subject,
    setSubject: async (ref, subject) => changeDraft(ref, (current) => ({ ...current, subject })),
    recipients: async (ref, field: RecipientField) => {
      const list = parseAddressList(draft(ref, `${field}.getAsync`)[field], directoryOf(store.getState()));
      return list.map((address) => emailAddressData(address, domain));
    },
    setRecipients: async (ref, field, recipients, how) => {
      const typed = formatAddressList(recipients.map((recipient) => ({ address: recipient.emailAddress, name: recipient.displayName ?? recipient.emailAddress })));
      changeDraft(ref, (current) => ({ ...current, [field]: how === 'set' || !current[field].trim() ? typed : `${current[field]}, ${typed}` }));
    },
    from: async (ref) => {
      draft(ref, 'from.getAsync');
      return emailAddressData({ address: user, name: mailbox().user.name }, domain);
    },
    composeType: async (ref) => {
      const { kind } = draft(ref, 'getComposeTypeAsync');
      return kind === 'forward' ? 'forward' : kind === 'new' ? 'newMail' : 'reply';
    },
    internetHeaders: async (ref, names) => {
      const headers = draft(ref, 'internetHeaders.getAsync').internetHeaders;
      const found: Record<string, string> = {};
      for (const name of names) {
        const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
        if (key !== undefined) found[key] = headers[key]!;
      }
      return found;
    },
    setInternetHeaders: async (ref, values) =>
      changeDraft(ref, (current) => {
        const headers = { ...current.internetHeaders };
        for (const [name, value] of Object.entries(values)) {
          for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
          headers[name] = String(value);
        }
        return { ...current, internetHeaders: headers };
      }),
    removeInternetHeaders: async (ref, names) =>
      changeDraft(ref, (current) => ({
        ...current,
        internetHeaders: Object.fromEntries(Object.entries(current.internetHeaders).filter(([name]) => !names.some((removed) => removed.toLowerCase() === name.toLowerCase()))),
      })),
    saveDraft: async (ref) => {
      const itemId = draft(ref, 'saveAsync').itemId ?? newItemId();
      changeDraft(ref, (current) => ({ ...current, itemId }));
      return itemId;
    },

    selectedItems: async () => selectedItemsOf(mailbox()),
    loadItem: async (itemId) => {
      if (record.loadedItemId !== null) throw officeErrors.itemAlreadyLoaded();
      const found = mailbox().messages.find((candidate) => candidate.itemId === itemId);
      if (!found) throw officeErrors.itemNotFound('The message');
      record.loadedItemId = itemId;
      return readItemData(found, domain, true);
    },
    unloadItem: async (itemId) => {
      if (record.loadedItemId !== itemId) throw officeErrors.itemNotLoaded();
      record.loadedItemId = null;
    },
    addHandler: async (eventType, handler) => {
      if (record.kind !== 'taskpane' || (eventType !== ITEM_CHANGED && eventType !== SELECTION_CHANGED)) throw officeErrors.eventNotSupported(eventType);
      record.handlers.set(eventType, [...(record.handlers.get(eventType) ?? []), handler]);
    },
    removeHandler: async (eventType) => {
      record.handlers.delete(eventType);
    },
    associate: (functionName, handler) => {
      record.associations.set(functionName, handler);
      onAssociate();
    },
    report: (problem) => store.log(user, `⚠ ${problem}`),
  };
}
