import { HostOfficeError } from './frame-binding';

/** The Office errors the sandbox host fails calls with (codes as Outlook's where it has one). */
export const officeErrors = {
  itemNotFound: (what: string) => new HostOfficeError(9049, 'ItemNotFound', `${what} no longer exists: it was sent, discarded or deleted.`),
  itemChanged: () => new HostOfficeError(9030, 'APICallFailedDueToItemChange', 'The selected item has changed: the call was made on an item that is no longer current.'),
  invalidAttachmentId: () => new HostOfficeError(9003, 'InvalidAttachmentId', 'The attachment id is not valid.'),
  itemAlreadyLoaded: () => new HostOfficeError(9041, 'ItemAlreadyLoaded', 'Another item is already loaded: call unloadAsync on it first. Only one item can be loaded at a time.'),
  itemNotLoaded: () => new HostOfficeError(9049, 'ItemNotFound', 'The item is not loaded.'),
  duplicateNotificationKey: () => new HostOfficeError(9023, 'DuplicateNotificationKey', 'A notification with this key already exists.'),
  notificationKeyNotFound: () => new HostOfficeError(9024, 'NotificationKeyNotFound', 'No notification has this key.'),
  tooManyNotifications: () => new HostOfficeError(9025, 'NumberOfNotificationsExceeded', 'An item has at most 5 notifications.'),
  invalidParameter: (detail: string) => new HostOfficeError(9031, 'InvalidParameterValueError', detail),
  composeOnly: (api: string) => new HostOfficeError(5000, 'GenericError', `${api} is only available in compose mode.`),
  eventNotSupported: (eventType: string) => new HostOfficeError(5000, 'GenericError', `The event type ${eventType} is not supported here.`),
  attachmentUnavailable: (name: string) => new HostOfficeError(9020, 'GenericResponseError', `Outlook could not get the content of ${name}.`),
};
