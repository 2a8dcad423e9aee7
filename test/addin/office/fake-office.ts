/**
 * A hand-written stand-in for the parts of the Office global Docket uses: a mailbox with one
 * message (read or compose), events, selection and loading by id. Every callback is called
 * asynchronously, as Outlook does, and inside a try/catch that records anything thrown out of
 * it in `escaped`: Docket's callbacks must never throw into Office.
 */

export interface FakeAddress { emailAddress: string; displayName: string }

export interface FakeAttachment {
  id: string;
  name: string;
  size: number;
  isInline?: boolean;
  attachmentType?: 'file' | 'item' | 'cloud';
  contentType?: string;
  content?: { content: string; format: string };
  /** getAttachmentContentAsync fails for this one. */
  contentError?: FakeOfficeError;
}

export interface FakeOfficeError { code: number; name: string; message: string }

export interface FakeMessage {
  mode: 'read' | 'compose';
  itemId?: string;
  internetMessageId?: string;
  conversationId?: string | null;
  subject: string;
  from: FakeAddress;
  to: FakeAddress[];
  cc: FakeAddress[];
  bcc?: FakeAddress[];
  dateTimeCreated?: Date;
  bodyHtml: string;
  attachments: FakeAttachment[];
  /** Read mode: the raw header block. */
  rawHeaders?: string;
  /** Compose mode: headers set with internetHeaders.setAsync. */
  headers?: Record<string, string>;
  customProperties?: Record<string, unknown>;
  composeType?: 'newMail' | 'reply' | 'forward';
  notifications?: Record<string, { type: string; message: string; icon?: string; persistent?: boolean }>;
}

export interface FakeOfficeOptions {
  message?: FakeMessage | null;
  /** Requirement sets the host claims, e.g. ['1.13', '1.15']; versions up to 1.12 are always supported. */
  requirementSets?: string[];
  /** Make an API name fail with this Office error, e.g. `{ 'body.getAsync': {...} }`. */
  failures?: Record<string, FakeOfficeError>;
  /** API names that throw synchronously when called (a host bug, or a wrong argument). */
  throwsSynchronously?: string[];
  selectedItems?: Array<{ itemId: string; subject: string; itemType?: string }>;
  /** Messages `loadItemByIdAsync` can load, by id. */
  loadable?: Record<string, FakeMessage>;
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string } | null;
}

export interface FakeOffice {
  /** Pass to the code under test (cast to `typeof Office`). */
  office: unknown;
  /** Errors thrown out of a callback into "Office": must stay empty. */
  escaped: unknown[];
  /** Names of the Office APIs called, in order. */
  calls: string[];
  handlers: Map<string, Array<() => void>>;
  loadedItemIds: string[];
  unloadedItemIds: string[];
  /** Fires a mailbox event as Outlook would. */
  fire(eventType: string): void;
  setMessage(message: FakeMessage | null): void;
}

const SUCCEEDED = 'succeeded';
const FAILED = 'failed';

export function createFakeOffice(options: FakeOfficeOptions = {}): FakeOffice {
  const escaped: unknown[] = [];
  const calls: string[] = [];
  const handlers = new Map<string, Array<() => void>>();
  const loadedItemIds: string[] = [];
  const unloadedItemIds: string[] = [];
  const failures = options.failures ?? {};
  const throwing = new Set(options.throwsSynchronously ?? []);
  const supported = new Set(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', ...(options.requirementSets ?? [])]);

  function answer<T>(name: string, callback: ((result: unknown) => void) | undefined, value: () => T): void {
    calls.push(name);
    if (throwing.has(name)) throw new Error(`${name} threw synchronously`);
    const failure = failures[name];
    setTimeout(() => {
      let result: unknown;
      try {
        result = failure ? { status: FAILED, error: failure, value: undefined } : { status: SUCCEEDED, value: value() };
      } catch (error) {
        const e = error as FakeOfficeError;
        result = { status: FAILED, error: { code: e.code ?? 9999, name: e.name, message: e.message }, value: undefined };
      }
      try {
        callback?.(result);
      } catch (error) {
        escaped.push(error);
      }
    }, 0);
  }

  function lastArgument(args: unknown[]): ((result: unknown) => void) | undefined {
    const last = args[args.length - 1];
    return typeof last === 'function' ? (last as (result: unknown) => void) : undefined;
  }

  function recipientsField(list: () => FakeAddress[], name: string) {
    return { getAsync: (...args: unknown[]) => answer(name, lastArgument(args), () => list().map((a) => ({ ...a }))) };
  }

  function attachmentContent(message: FakeMessage, id: string) {
    const attachment = message.attachments.find((a) => a.id === id);
    if (!attachment) throw Object.assign(new Error('The attachment id is not valid.'), { code: 9002, name: 'InvalidAttachmentId' });
    if (attachment.contentError) throw Object.assign(new Error(attachment.contentError.message), attachment.contentError);
    return attachment.content ?? { content: Buffer.from(`content of ${attachment.name}`).toString('base64'), format: 'base64' };
  }

  function itemOf(message: FakeMessage, loadedId?: string): Record<string, unknown> {
    const common = {
      itemType: 'message',
      conversationId: message.conversationId ?? null,
      body: { getAsync: (coercion: string, ...rest: unknown[]) => answer('body.getAsync', lastArgument(rest), () => (coercion === 'html' ? message.bodyHtml : message.bodyHtml.replace(/<[^>]+>/g, ''))) },
      getAttachmentContentAsync: (id: string, ...rest: unknown[]) => answer('getAttachmentContentAsync', lastArgument(rest), () => attachmentContent(message, id)),
      notificationMessages: {
        replaceAsync: (key: string, details: { type: string; message: string }, ...rest: unknown[]) =>
          answer('notificationMessages.replaceAsync', lastArgument(rest), () => {
            message.notifications ??= {};
            message.notifications[key] = { ...details };
          }),
      },
      loadCustomPropertiesAsync: (callback: (result: unknown) => void) =>
        answer('loadCustomPropertiesAsync', callback, () => {
          message.customProperties ??= {};
          const staged: Record<string, unknown> = { ...message.customProperties };
          return {
            get: (name: string) => staged[name],
            set: (name: string, value: unknown) => {
              staged[name] = value;
            },
            remove: (name: string) => {
              delete staged[name];
            },
            getAll: () => ({ ...staged }),
            saveAsync: (...args: unknown[]) =>
              answer('customProperties.saveAsync', lastArgument(args), () => {
                message.customProperties = { ...staged };
              }),
          };
        }),
      unloadAsync: (...args: unknown[]) =>
        answer('unloadAsync', lastArgument(args), () => {
          if (loadedId) unloadedItemIds.push(loadedId);
        }),
    };
    if (message.mode === 'read') {
      return {
        ...common,
        itemId: message.itemId,
        internetMessageId: message.internetMessageId,
        subject: message.subject,
        from: message.from,
        to: message.to,
        cc: message.cc,
        dateTimeCreated: message.dateTimeCreated ?? new Date('2025-03-01T10:00:00Z'),
        attachments: message.attachments.map((a) => ({
          id: a.id,
          name: a.name,
          size: a.size,
          isInline: a.isInline ?? false,
          attachmentType: a.attachmentType ?? 'file',
          contentType: a.contentType ?? 'application/octet-stream',
        })),
        getAllInternetHeadersAsync: (...args: unknown[]) => answer('getAllInternetHeadersAsync', lastArgument(args), () => message.rawHeaders ?? ''),
      };
    }
    message.headers ??= {};
    const headers = message.headers;
    return {
      ...common,
      subject: { getAsync: (...args: unknown[]) => answer('subject.getAsync', lastArgument(args), () => message.subject) },
      from: { getAsync: (...args: unknown[]) => answer('from.getAsync', lastArgument(args), () => ({ ...message.from })) },
      to: recipientsField(() => message.to, 'to.getAsync'),
      cc: recipientsField(() => message.cc, 'cc.getAsync'),
      bcc: recipientsField(() => message.bcc ?? [], 'bcc.getAsync'),
      getComposeTypeAsync: (...args: unknown[]) =>
        answer('getComposeTypeAsync', lastArgument(args), () => ({ composeType: message.composeType ?? 'newMail', coercionType: 'html' })),
      getAttachmentsAsync: (...args: unknown[]) =>
        answer('getAttachmentsAsync', lastArgument(args), () =>
          message.attachments.map((a) => ({ id: a.id, name: a.name, size: a.size, isInline: a.isInline ?? false, attachmentType: a.attachmentType ?? 'file' })),
        ),
      internetHeaders: {
        setAsync: (values: Record<string, string>, ...rest: unknown[]) => answer('internetHeaders.setAsync', lastArgument(rest), () => void Object.assign(headers, values)),
        getAsync: (names: string[], ...rest: unknown[]) =>
          answer('internetHeaders.getAsync', lastArgument(rest), () => {
            const found: Record<string, string> = {};
            for (const name of names) {
              const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
              if (key) found[key] = headers[key]!;
            }
            return found;
          }),
      },
    };
  }

  let currentMessage = options.message ?? null;
  let currentItem = currentMessage ? itemOf(currentMessage) : null;

  const mailbox = {
    userProfile: { emailAddress: 'ana@docket.test', displayName: 'Ana Example' },
    get item() {
      return currentItem;
    },
    addHandlerAsync: (eventType: string, handler: () => void, ...rest: unknown[]) =>
      answer('addHandlerAsync', lastArgument(rest), () => {
        handlers.set(eventType, [...(handlers.get(eventType) ?? []), handler]);
      }),
    removeHandlerAsync: (eventType: string, ...rest: unknown[]) =>
      answer('removeHandlerAsync', lastArgument(rest), () => {
        handlers.delete(eventType);
      }),
    getSelectedItemsAsync: (...args: unknown[]) =>
      answer('getSelectedItemsAsync', lastArgument(args), () =>
        (options.selectedItems ?? []).map((s) => ({ itemType: 'message', itemMode: 'read', conversationId: 'c', hasAttachment: false, internetMessageId: '', ...s })),
      ),
    loadItemByIdAsync: (itemId: string, ...rest: unknown[]) =>
      answer('loadItemByIdAsync', lastArgument(rest), () => {
        if (loadedItemIds.length > unloadedItemIds.length) {
          throw Object.assign(new Error('Another item is already loaded.'), { code: 9041, name: 'ItemAlreadyLoaded' });
        }
        const message = options.loadable?.[itemId];
        if (!message) throw Object.assign(new Error('The item does not exist.'), { code: 9013, name: 'ItemNotFound' });
        loadedItemIds.push(itemId);
        return itemOf(message, itemId);
      }),
  };
  if (!supported.has('1.13')) delete (mailbox as Partial<typeof mailbox>).getSelectedItemsAsync;
  if (!supported.has('1.15')) delete (mailbox as Partial<typeof mailbox>).loadItemByIdAsync;

  const office = {
    context: {
      mailbox,
      requirements: { isSetSupported: (name: string, version: string) => name === 'Mailbox' && supported.has(version) },
      officeTheme: options.officeTheme === undefined ? undefined : options.officeTheme,
    },
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: { ItemChanged: 'olkItemSelectedChanged', SelectedItemsChanged: 'olkSelectedItemsChanged' },
    AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: FAILED },
    MailboxEnums: { ItemNotificationMessageType: { InformationalMessage: 'informationalMessage' } },
  };

  return {
    office,
    escaped,
    calls,
    handlers,
    loadedItemIds,
    unloadedItemIds,
    fire(eventType) {
      for (const handler of handlers.get(eventType) ?? []) {
        try {
          handler();
        } catch (error) {
          escaped.push(error);
        }
      }
    },
    setMessage(message) {
      currentMessage = message;
      currentItem = message ? itemOf(message) : null;
    },
  };
}

export const address = (emailAddress: string, displayName = ''): FakeAddress => ({ emailAddress, displayName });
