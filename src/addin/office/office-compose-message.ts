/// <reference types="office-js" />
import { officeAsync } from './office-async';
import { readAttachments } from './office-attachments';
import { toMailAddress } from './office-read-message';
import type { ComposeMessage, ComposeType, MailAddress } from './mailbox';

/** Resource id of the icon shown beside compose notifications (declared in manifest.xml). */
export const NOTIFICATION_ICON_RESOURCE = 'Icon.16x16';
/** Outlook shows at most 150 characters of a notification; keys are at most 32. */
const NOTIFICATION_MESSAGE_LIMIT = 150;
const NOTIFICATION_KEY_LIMIT = 32;

function composeTypeOf(value: unknown): ComposeType {
  const type = (value as { composeType?: string } | null)?.composeType;
  if (type === 'reply') return 'reply';
  if (type === 'forward') return 'forward';
  return 'new';
}

function requireApi(available: boolean, what: string, requirementSet: string): void {
  if (!available) throw new Error(`${what} needs Outlook's Mailbox requirement set ${requirementSet}, which this Outlook does not support.`);
}

/**
 * The mailbox interface's `ComposeMessage` over an Office compose-mode message. Works in the
 * task pane and in the event runtime alike (it touches no DOM).
 */
export function composeMessageOf(item: Office.MessageCompose, office: typeof Office): ComposeMessage {
  /**
   * Loaded afresh on every use: the task pane and the event runtime both write these
   * properties, and saving a stale copy would drop what the other one wrote.
   */
  function loadCustomProperties(): Promise<Office.CustomProperties> {
    return officeAsync<Office.CustomProperties>((callback) => item.loadCustomPropertiesAsync(callback));
  }

  const recipients = (field: Office.Recipients | undefined): Promise<MailAddress[]> =>
    field ? officeAsync<Office.EmailAddressDetails[]>((callback) => field.getAsync(callback)).then((list) => (list ?? []).map(toMailAddress)) : Promise.resolve([]);

  return {
    kind: 'compose',
    conversationId: item.conversationId || null,

    async getComposeType() {
      requireApi(typeof item.getComposeTypeAsync === 'function', 'Reading whether a message is a reply', '1.10');
      return composeTypeOf(await officeAsync<unknown>((callback) => item.getComposeTypeAsync(callback)));
    },

    async getSubject() {
      return (await officeAsync<string>((callback) => item.subject.getAsync(callback))) ?? '';
    },

    async getFrom() {
      // `from` in compose is Mailbox 1.7; before that the sender is the signed-in user.
      if (item.from && typeof item.from.getAsync === 'function') {
        const from = toMailAddress(await officeAsync<Office.EmailAddressDetails>((callback) => item.from.getAsync(callback)));
        if (from.address) return from;
      }
      const profile = office.context.mailbox.userProfile;
      return toMailAddress({ emailAddress: profile.emailAddress, displayName: profile.displayName } as Office.EmailAddressDetails);
    },

    async getRecipients() {
      const [to, cc, bcc] = await Promise.all([recipients(item.to), recipients(item.cc), recipients(item.bcc)]);
      return { to, cc, bcc };
    },

    async getBody() {
      const content = await officeAsync<string>((callback) => item.body.getAsync(office.CoercionType.Html, callback));
      return { contentType: 'html', content: content ?? '' };
    },

    async getAttachments(maxBytes) {
      requireApi(typeof item.getAttachmentsAsync === 'function', 'Reading the attachments of a message being written', '1.8');
      const details = await officeAsync<Office.AttachmentDetailsCompose[]>((callback) => item.getAttachmentsAsync(callback));
      const mapped = (details ?? []).map((attachment) => ({
        id: attachment.id,
        name: attachment.name,
        size: attachment.size,
        isInline: attachment.isInline,
        attachmentType: String(attachment.attachmentType),
      }));
      return readAttachments(mapped, maxBytes, (id) =>
        officeAsync<Office.AttachmentContent>((callback) => item.getAttachmentContentAsync(id, callback)),
      );
    },

    async setInternetHeader(name, value) {
      requireApi(Boolean(item.internetHeaders), 'Stamping an internet header', '1.8');
      await officeAsync<void>((callback) => item.internetHeaders.setAsync({ [name]: value }, callback));
    },

    async getInternetHeader(name) {
      requireApi(Boolean(item.internetHeaders), 'Reading an internet header', '1.8');
      const values = await officeAsync<Record<string, string>>((callback) => item.internetHeaders.getAsync([name], callback));
      if (!values) return null;
      const wanted = name.toLowerCase();
      const key = Object.keys(values).find((candidate) => candidate.toLowerCase() === wanted);
      const value = key === undefined ? undefined : values[key];
      return value ? value : null;
    },

    async getCustomProperty(name) {
      const value: unknown = (await loadCustomProperties()).get(name);
      if (value === undefined || value === null) return null;
      return typeof value === 'string' ? value : JSON.stringify(value);
    },

    async setCustomProperty(name, value) {
      const properties = await loadCustomProperties();
      if (value === null) properties.remove(name);
      else properties.set(name, value);
      await officeAsync<void>((callback) => properties.saveAsync(callback));
    },

    async showNotification(key, message) {
      const details: Office.NotificationMessageDetails = {
        type: office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
        message: message.length > NOTIFICATION_MESSAGE_LIMIT ? `${message.slice(0, NOTIFICATION_MESSAGE_LIMIT - 1)}…` : message,
        icon: NOTIFICATION_ICON_RESOURCE,
        persistent: false,
      };
      await officeAsync<void>((callback) => item.notificationMessages.replaceAsync(key.slice(0, NOTIFICATION_KEY_LIMIT), details, callback));
    },
  };
}
