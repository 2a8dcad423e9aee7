/**
 * The `LaunchEvent Type` values Outlook knows, with the Mailbox requirement set each needs,
 * as listed in Microsoft's "Configure your Outlook add-in for event-based activation".
 * `preview` events have no released requirement set yet.
 */
export interface LaunchEventDefinition {
  type: string;
  minimumMailbox: string | 'preview';
}

export const launchEventCatalog: readonly LaunchEventDefinition[] = [
  { type: 'OnNewMessageCompose', minimumMailbox: '1.10' },
  { type: 'OnNewAppointmentOrganizer', minimumMailbox: '1.10' },
  { type: 'OnMessageAttachmentsChanged', minimumMailbox: '1.11' },
  { type: 'OnAppointmentAttachmentsChanged', minimumMailbox: '1.11' },
  { type: 'OnMessageRecipientsChanged', minimumMailbox: '1.11' },
  { type: 'OnAppointmentAttendeesChanged', minimumMailbox: '1.11' },
  { type: 'OnAppointmentTimeChanged', minimumMailbox: '1.11' },
  { type: 'OnAppointmentRecurrenceChanged', minimumMailbox: '1.11' },
  { type: 'OnInfoBarDismissClicked', minimumMailbox: '1.11' },
  { type: 'OnMessageSend', minimumMailbox: '1.12' },
  { type: 'OnAppointmentSend', minimumMailbox: '1.12' },
  { type: 'OnMessageCompose', minimumMailbox: '1.12' },
  { type: 'OnAppointmentOrganizer', minimumMailbox: '1.12' },
  { type: 'OnMessageFromChanged', minimumMailbox: '1.13' },
  { type: 'OnAppointmentFromChanged', minimumMailbox: '1.13' },
  { type: 'OnSensitivityLabelChanged', minimumMailbox: '1.13' },
  { type: 'OnMessageRead', minimumMailbox: 'preview' },
  { type: 'OnMessageReadWithCustomAttachment', minimumMailbox: 'preview' },
  { type: 'OnMessageReadWithCustomHeader', minimumMailbox: 'preview' },
];

/** Only the send events take a `SendMode`. */
export const sendEventTypes: readonly string[] = ['OnMessageSend', 'OnAppointmentSend'];

export const sendModes: readonly string[] = ['PromptUser', 'SoftBlock', 'Block'];

/**
 * Docket's own rule: a backend outage must never stop mail, so sending is never blocked
 * when the add-in is unavailable; the track is queued instead.
 */
export const requiredSendMode = 'SoftBlock';

export function launchEventDefinition(type: string): LaunchEventDefinition | undefined {
  return launchEventCatalog.find((definition) => definition.type === type);
}
