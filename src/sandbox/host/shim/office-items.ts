import type { ComposeItemData, FrameBinding, ItemRef, NotificationData, ReadItemData, RecipientField } from '../bridge/frame-binding';
import { ownCopy, type AsyncCaller } from './async-call';

type Rest = unknown[];

/** `item.notificationMessages`, on read and compose items alike. */
function notificationMessages(binding: FrameBinding, caller: AsyncCaller, ref: ItemRef) {
  const put = (key: string, details: Omit<NotificationData, 'key'>, how: 'add' | 'replace', rest: Rest) =>
    caller.call(rest, () => binding.putNotification(ref, { ...ownCopy(details), key }, how));
  return {
    addAsync: (key: string, details: Omit<NotificationData, 'key'>, ...rest: Rest) => put(key, details, 'add', rest),
    replaceAsync: (key: string, details: Omit<NotificationData, 'key'>, ...rest: Rest) => put(key, details, 'replace', rest),
    removeAsync: (key: string, ...rest: Rest) => caller.call(rest, () => binding.removeNotification(ref, key)),
    getAllAsync: (...rest: Rest) => caller.call(rest, () => binding.notifications(ref)),
  };
}

/**
 * `loadCustomPropertiesAsync(callback, userContext)`: a snapshot the add-in edits, written back
 * whole by `saveAsync`, as Outlook keeps an add-in's custom properties in one property of the item.
 */
function loadCustomPropertiesAsync(binding: FrameBinding, caller: AsyncCaller, ref: ItemRef) {
  return (callback: unknown, userContext?: unknown) =>
    caller.call([{ asyncContext: userContext }, callback], () => binding.customProperties(ref), (values) => {
      const staged: Record<string, unknown> = ownCopy(values);
      return {
        get: (name: string) => staged[name],
        set: (name: string, value: unknown) => {
          staged[name] = value;
        },
        remove: (name: string) => {
          delete staged[name];
        },
        getAll: () => ({ ...staged }),
        saveAsync: (...rest: Rest) => caller.call(rest, () => binding.saveCustomProperties(ref, ownCopy(staged))),
      };
    });
}

function coercionOf(value: unknown): 'html' | 'text' {
  return value === 'html' ? 'html' : 'text';
}

/** A message in read mode: the selected item, or one opened with loadItemByIdAsync (then it has `unloadAsync`). */
export function readItem(binding: FrameBinding, caller: AsyncCaller, data: ReadItemData, loaded: boolean): Record<string, unknown> {
  const ref: ItemRef = { kind: 'message', itemId: data.itemId };
  const copy = ownCopy(data);
  const item: Record<string, unknown> = {
    itemType: 'message',
    itemClass: copy.itemClass,
    itemId: copy.itemId,
    internetMessageId: copy.internetMessageId,
    conversationId: copy.conversationId,
    subject: copy.subject,
    normalizedSubject: copy.normalizedSubject,
    from: copy.from,
    sender: copy.sender,
    to: copy.to,
    cc: copy.cc,
    dateTimeCreated: new Date(copy.dateTimeCreated),
    dateTimeModified: new Date(copy.dateTimeModified),
    attachments: copy.attachments,
    body: {
      getAsync: (coercionType: unknown, ...rest: Rest) => caller.call(rest, () => binding.body(ref, coercionOf(coercionType))),
      getTypeAsync: (...rest: Rest) => caller.call(rest, () => binding.bodyType(ref)),
    },
    getAllInternetHeadersAsync: (...rest: Rest) => caller.call(rest, () => binding.allInternetHeaders(ref)),
    getAttachmentContentAsync: (attachmentId: string, ...rest: Rest) => caller.call(rest, () => binding.attachmentContent(ref, attachmentId)),
    getAttachmentsAsync: (...rest: Rest) => caller.call(rest, async () => copy.attachments),
    loadCustomPropertiesAsync: loadCustomPropertiesAsync(binding, caller, ref),
    notificationMessages: notificationMessages(binding, caller, ref),
  };
  if (loaded) item.unloadAsync = (...rest: Rest) => caller.call(rest, () => binding.unloadItem(data.itemId));
  return item;
}

function recipientsField(binding: FrameBinding, caller: AsyncCaller, ref: ItemRef, field: RecipientField) {
  const change = (recipients: unknown, how: 'set' | 'add', rest: Rest) =>
    caller.call(rest, async () => {
      const list = (Array.isArray(recipients) ? recipients : []).map((entry: unknown) =>
        typeof entry === 'string' ? { emailAddress: entry } : { emailAddress: String((entry as { emailAddress?: unknown }).emailAddress ?? ''), displayName: (entry as { displayName?: string }).displayName },
      );
      await binding.setRecipients(ref, field, list, how);
    });
  return {
    getAsync: (...rest: Rest) => caller.call(rest, () => binding.recipients(ref, field)),
    setAsync: (recipients: unknown, ...rest: Rest) => change(recipients, 'set', rest),
    addAsync: (recipients: unknown, ...rest: Rest) => change(recipients, 'add', rest),
  };
}

/** A message being written: nearly everything is asynchronous in compose mode. */
export function composeItem(binding: FrameBinding, caller: AsyncCaller, data: ComposeItemData): Record<string, unknown> {
  const ref: ItemRef = { kind: 'draft', draftId: data.draftId };
  const setBody = (how: 'set' | 'prepend') => (content: unknown, ...rest: Rest) => {
    const { coercionType } = (rest[0] && typeof rest[0] === 'object' ? rest[0] : {}) as { coercionType?: unknown };
    caller.call(rest, () => binding.setBody(ref, String(content ?? ''), coercionOf(coercionType ?? 'text'), how));
  };
  return {
    itemType: 'message',
    conversationId: data.conversationId,
    subject: {
      getAsync: (...rest: Rest) => caller.call(rest, () => binding.subject(ref)),
      setAsync: (subject: unknown, ...rest: Rest) => caller.call(rest, () => binding.setSubject(ref, String(subject ?? ''))),
    },
    body: {
      getAsync: (coercionType: unknown, ...rest: Rest) => caller.call(rest, () => binding.body(ref, coercionOf(coercionType))),
      getTypeAsync: (...rest: Rest) => caller.call(rest, () => binding.bodyType(ref)),
      setAsync: setBody('set'),
      prependAsync: setBody('prepend'),
    },
    to: recipientsField(binding, caller, ref, 'to'),
    cc: recipientsField(binding, caller, ref, 'cc'),
    bcc: recipientsField(binding, caller, ref, 'bcc'),
    from: { getAsync: (...rest: Rest) => caller.call(rest, () => binding.from(ref)) },
    internetHeaders: {
      getAsync: (names: unknown, ...rest: Rest) => caller.call(rest, () => binding.internetHeaders(ref, Array.isArray(names) ? names.map(String) : [])),
      setAsync: (headers: unknown, ...rest: Rest) => caller.call(rest, () => binding.setInternetHeaders(ref, ownCopy((headers ?? {}) as Record<string, string>))),
      removeAsync: (names: unknown, ...rest: Rest) => caller.call(rest, () => binding.removeInternetHeaders(ref, Array.isArray(names) ? names.map(String) : [])),
    },
    getComposeTypeAsync: (...rest: Rest) => caller.call(rest, () => binding.composeType(ref), (composeType) => ({ composeType, coercionType: 'html' })),
    getAttachmentsAsync: (...rest: Rest) => caller.call(rest, () => binding.composeAttachments(ref)),
    getAttachmentContentAsync: (attachmentId: string, ...rest: Rest) => caller.call(rest, () => binding.attachmentContent(ref, attachmentId)),
    loadCustomPropertiesAsync: loadCustomPropertiesAsync(binding, caller, ref),
    notificationMessages: notificationMessages(binding, caller, ref),
    saveAsync: (...rest: Rest) => caller.call(rest, () => binding.saveDraft(ref)),
  };
}
