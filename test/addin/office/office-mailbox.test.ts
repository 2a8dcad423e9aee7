import { parseInternetHeaders } from '../../../src/addin/office/internet-headers';
import type { ComposeMessage, ReadMessage } from '../../../src/addin/office/mailbox';
import { OfficeError, officeAsync } from '../../../src/addin/office/office-async';
import { utf8ToBase64 } from '../../../src/addin/office/office-attachments';
import { createOfficeMailbox } from '../../../src/addin/office/office-mailbox';
import { address, createFakeOffice, type FakeMessage, type FakeOffice, type FakeOfficeOptions } from './fake-office';

const readMessage = (overrides: Partial<FakeMessage> = {}): FakeMessage => ({
  mode: 'read',
  itemId: 'AAMkAD-read-1',
  internetMessageId: '<offer-1@customer.example>',
  conversationId: 'conv-1',
  subject: 'Offer for 40 licences',
  from: address('bob@customer.example', 'Bob Buyer'),
  to: [address('ana@docket.test', 'Ana Example')],
  cc: [address('carol@customer.example', 'carol@customer.example')],
  dateTimeCreated: new Date('2025-03-01T09:30:00Z'),
  bodyHtml: '<p>Here is the offer.</p>',
  attachments: [
    { id: 'att-small', name: 'offer.pdf', size: 2000, contentType: 'application/pdf', content: { content: 'JVBERi0=', format: 'base64' } },
    { id: 'att-big', name: 'video.mp4', size: 9_000_000, contentType: 'video/mp4' },
  ],
  rawHeaders:
    'Received: from a\r\n\tby b\r\nMessage-ID: <offer-1@customer.example>\r\nIn-Reply-To: <root@docket.test>\r\nReferences: <root@docket.test>\r\n <mid@docket.test>\r\nX-Docket-Token: 0f8e4b2a-0000-4000-8000-000000000001\r\nSubject: Offer\r\n',
  ...overrides,
});

const composeMessage = (overrides: Partial<FakeMessage> = {}): FakeMessage => ({
  mode: 'compose',
  conversationId: 'conv-2',
  subject: 'RE: Offer',
  from: address('ana@docket.test', 'Ana Example'),
  to: [address('bob@customer.example', 'Bob Buyer')],
  cc: [],
  bcc: [address('archive@docket.test', '')],
  bodyHtml: '<p>Thanks!</p>',
  attachments: [
    { id: 'c1', name: 'terms.docx', size: 1000 },
    { id: 'c2', name: 'Forwarded mail', size: 500, attachmentType: 'item', content: { content: 'Subject: hi\r\n\r\nhé', format: 'eml' } },
    { id: 'c3', name: 'drive link', size: 10, attachmentType: 'cloud' },
  ],
  composeType: 'reply',
  ...overrides,
});

let fake: FakeOffice;
function mailboxOf(options: FakeOfficeOptions) {
  fake = createFakeOffice(options);
  return createOfficeMailbox(fake.office as typeof Office);
}

afterEach(() => {
  // Whatever a test did, nothing may have been thrown out of a callback into Office.
  expect(fake?.escaped ?? []).toEqual([]);
});

describe('officeAsync', () => {
  it('rejects with an Error carrying the Office error code, name and message', async () => {
    const failing = officeAsync<string>((callback) => callback({ status: 'failed', value: '', error: { code: 9020, name: 'GenericResponseError', message: 'The server said no.' } }));
    await expect(failing).rejects.toBeInstanceOf(OfficeError);
    await expect(failing).rejects.toMatchObject({ code: 9020, name: 'GenericResponseError', message: 'The server said no.' });
  });

  it('rejects, instead of throwing, when the Office API itself throws', async () => {
    await expect(
      officeAsync(() => {
        throw new Error('bad argument');
      }),
    ).rejects.toThrow('bad argument');
  });

  it('never throws out of the callback, even when Office calls it with nothing', async () => {
    let thrown: unknown = null;
    const promise = officeAsync<string>((callback) => {
      try {
        (callback as (result: unknown) => void)(undefined);
      } catch (error) {
        thrown = error;
      }
    });
    await expect(promise).rejects.toThrow('Outlook returned no result');
    expect(thrown).toBeNull();
  });
});

describe('parseInternetHeaders', () => {
  it('lower-cases names, unfolds folded lines and keeps the first of repeated headers', () => {
    const headers = parseInternetHeaders('Received: one\r\nX-Long: a\r\n  b\r\n\tc\r\nreceived: two\r\nbroken line\r\nEmpty:\r\n');
    expect(headers).toEqual({ received: 'one', 'x-long': 'a  b\tc', empty: '' });
  });
});

describe('utf8ToBase64', () => {
  it('encodes text as UTF-8 Base64, surrogate pairs included', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'hé', 'Grüße 😀 €']) expect(utf8ToBase64(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
  });
});

describe('createOfficeMailbox: read mode', () => {
  it('maps the message fields of the item being read', () => {
    const mailbox = mailboxOf({ message: readMessage() });
    expect(mailbox.userAddress).toBe('ana@docket.test');
    expect(mailbox.userName).toBe('Ana Example');
    const item = mailbox.currentItem() as ReadMessage;
    expect(item).toMatchObject({
      kind: 'read',
      itemId: 'AAMkAD-read-1',
      internetMessageId: '<offer-1@customer.example>',
      conversationId: 'conv-1',
      subject: 'Offer for 40 licences',
      from: { address: 'bob@customer.example', name: 'Bob Buyer' },
      to: [{ address: 'ana@docket.test', name: 'Ana Example' }],
      // A display name equal to the address says nothing: it is dropped.
      cc: [{ address: 'carol@customer.example' }],
      dateTimeCreated: '2025-03-01T09:30:00.000Z',
    });
    expect(mailbox.currentItem()).toBe(item);
  });

  it('reads the HTML body, the parsed headers and attachment content only within the size limit', async () => {
    const item = mailboxOf({ message: readMessage() }).currentItem() as ReadMessage;
    await expect(item.getBody()).resolves.toEqual({ contentType: 'html', content: '<p>Here is the offer.</p>' });
    const headers = await item.getInternetHeaders();
    expect(headers['x-docket-token']).toBe('0f8e4b2a-0000-4000-8000-000000000001');
    expect(headers.references).toBe('<root@docket.test> <mid@docket.test>');
    expect(headers.received).toBe('from a\tby b');
    const attachments = await item.getAttachments(5 * 1024 * 1024);
    expect(attachments).toEqual([
      { id: 'att-small', name: 'offer.pdf', contentType: 'application/pdf', size: 2000, isInline: false, contentBase64: 'JVBERi0=' },
      { id: 'att-big', name: 'video.mp4', contentType: 'video/mp4', size: 9_000_000, isInline: false },
    ]);
    expect(fake.calls.filter((call) => call === 'getAttachmentContentAsync')).toHaveLength(1);
  });

  it('asks Outlook for a message\'s internet headers once, however many callers want them, and again after a failed read', async () => {
    const item = mailboxOf({ message: readMessage() }).currentItem() as ReadMessage;
    const [first, second] = await Promise.all([item.getInternetHeaders(), item.getInternetHeaders()]);
    expect(second).toBe(first);
    await item.getInternetHeaders();
    expect(fake.calls.filter((call) => call === 'getAllInternetHeadersAsync')).toHaveLength(1);

    const failing = mailboxOf({ message: readMessage(), failures: { getAllInternetHeadersAsync: { code: 9017, name: 'GenericResponseError', message: 'An internal error occurred.' } } }).currentItem() as ReadMessage;
    await expect(failing.getInternetHeaders()).rejects.toMatchObject({ code: 9017 });
    await expect(failing.getInternetHeaders()).rejects.toMatchObject({ code: 9017 });
    expect(fake.calls.filter((call) => call === 'getAllInternetHeadersAsync')).toHaveLength(2);
  });

  it('rejects with the Office error when Outlook fails to give the body', async () => {
    const item = mailboxOf({ message: readMessage(), failures: { 'body.getAsync': { code: 9017, name: 'GenericResponseError', message: 'An internal error occurred.' } } }).currentItem() as ReadMessage;
    await expect(item.getBody()).rejects.toMatchObject({ code: 9017, name: 'GenericResponseError', message: 'An internal error occurred.' });
  });

  it('keeps an attachment whose content Outlook refuses as metadata, without failing the others', async () => {
    const message = readMessage();
    message.attachments[0]!.contentError = { code: 9010, name: 'AttachmentTypeNotSupported', message: 'Not supported.' };
    const item = mailboxOf({ message }).currentItem() as ReadMessage;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const attachments = await item.getAttachments(10_000_000);
    warn.mockRestore();
    expect(attachments[0]).not.toHaveProperty('contentBase64');
    expect(attachments[1]!.contentBase64).toBe(Buffer.from('content of video.mp4').toString('base64'));
  });

  it('gives no item when nothing (or several things) are selected', () => {
    expect(mailboxOf({ message: null }).currentItem()).toBeNull();
  });
});

describe('createOfficeMailbox: compose mode', () => {
  it('reads compose type, subject, sender, recipients and body', async () => {
    const item = mailboxOf({ message: composeMessage() }).currentItem() as ComposeMessage;
    expect(item.kind).toBe('compose');
    expect(item.conversationId).toBe('conv-2');
    await expect(item.getComposeType()).resolves.toBe('reply');
    await expect(item.getSubject()).resolves.toBe('RE: Offer');
    await expect(item.getFrom()).resolves.toEqual({ address: 'ana@docket.test', name: 'Ana Example' });
    await expect(item.getRecipients()).resolves.toEqual({
      to: [{ address: 'bob@customer.example', name: 'Bob Buyer' }],
      cc: [],
      bcc: [{ address: 'archive@docket.test' }],
    });
    await expect(item.getBody()).resolves.toEqual({ contentType: 'html', content: '<p>Thanks!</p>' });
  });

  it('maps the new-mail compose type to "new"', async () => {
    const item = mailboxOf({ message: composeMessage({ composeType: 'newMail', conversationId: '' }) }).currentItem() as ComposeMessage;
    await expect(item.getComposeType()).resolves.toBe('new');
    expect(item.conversationId).toBeNull();
  });

  it('gives attachments with content: files as they are, attached mail as Base64 of its .eml, cloud files as metadata', async () => {
    const item = mailboxOf({ message: composeMessage() }).currentItem() as ComposeMessage;
    const attachments = await item.getAttachments(5 * 1024 * 1024);
    expect(attachments).toEqual([
      {
        id: 'c1',
        name: 'terms.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: 1000,
        isInline: false,
        contentBase64: Buffer.from('content of terms.docx').toString('base64'),
      },
      { id: 'c2', name: 'Forwarded mail', contentType: 'message/rfc822', size: 500, isInline: false, contentBase64: Buffer.from('Subject: hi\r\n\r\nhé').toString('base64') },
      { id: 'c3', name: 'drive link', contentType: 'application/octet-stream', size: 10, isInline: false },
    ]);
    await expect(item.getAttachments(0)).resolves.toEqual(attachments.map(({ contentBase64: _content, ...rest }) => rest));
  });

  it('stamps and reads an internet header', async () => {
    const message = composeMessage();
    const item = mailboxOf({ message }).currentItem() as ComposeMessage;
    await expect(item.getInternetHeader('X-Docket-Token')).resolves.toBeNull();
    await item.setInternetHeader('X-Docket-Token', 'token-1234');
    expect(message.headers).toEqual({ 'X-Docket-Token': 'token-1234' });
    await expect(item.getInternetHeader('x-docket-token')).resolves.toBe('token-1234');
  });

  it('saves custom properties with the draft and removes them with null', async () => {
    const message = composeMessage();
    const item = mailboxOf({ message }).currentItem() as ComposeMessage;
    await expect(item.getCustomProperty('docketTrackOnSend')).resolves.toBeNull();
    await item.setCustomProperty('docketTrackOnSend', '{}');
    expect(message.customProperties).toEqual({ docketTrackOnSend: '{}' });
    await expect(item.getCustomProperty('docketTrackOnSend')).resolves.toBe('{}');
    await item.setCustomProperty('docketTrackOnSend', null);
    expect(message.customProperties).toEqual({});
    expect(fake.calls.filter((call) => call === 'loadCustomPropertiesAsync')).toHaveLength(4);
  });

  it('reads custom properties afresh, so a value another runtime saved is seen and never overwritten', async () => {
    const message = composeMessage();
    const item = mailboxOf({ message }).currentItem() as ComposeMessage;
    await expect(item.getCustomProperty('docketTrackOnSend')).resolves.toBeNull();
    message.customProperties = { docketTrackOnSend: '{}', docketTrackOnSendSource: 'auto-send' };
    await expect(item.getCustomProperty('docketTrackOnSend')).resolves.toBe('{}');
    await item.setCustomProperty('docketToken', 'abc12345');
    expect(message.customProperties).toEqual({ docketTrackOnSend: '{}', docketTrackOnSendSource: 'auto-send', docketToken: 'abc12345' });
  });

  it('shows an informational notification with the manifest icon', async () => {
    const message = composeMessage();
    const item = mailboxOf({ message }).currentItem() as ComposeMessage;
    await item.showNotification('docketTrackOnSend', 'Docket will track this reply when it is sent.');
    expect(message.notifications).toEqual({
      docketTrackOnSend: { type: 'informationalMessage', message: 'Docket will track this reply when it is sent.', icon: 'Icon.16x16', persistent: false },
    });
  });

  it('rejects with the Office error when saving custom properties fails, and tries loading again next time', async () => {
    const item = mailboxOf({
      message: composeMessage(),
      failures: { loadCustomPropertiesAsync: { code: 9030, name: 'PermissionDenied', message: 'No permission.' } },
    }).currentItem() as ComposeMessage;
    await expect(item.setCustomProperty('a', 'b')).rejects.toMatchObject({ name: 'PermissionDenied', code: 9030 });
    await expect(item.getCustomProperty('a')).rejects.toMatchObject({ name: 'PermissionDenied' });
    expect(fake.calls.filter((call) => call === 'loadCustomPropertiesAsync')).toHaveLength(2);
  });

  it('turns an Office API that throws synchronously into a rejection', async () => {
    const item = mailboxOf({ message: composeMessage(), throwsSynchronously: ['subject.getAsync'] }).currentItem() as ComposeMessage;
    await expect(item.getSubject()).rejects.toThrow('subject.getAsync threw synchronously');
  });
});

describe('createOfficeMailbox: events, selection and loading', () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('registers one ItemChanged handler for many listeners, forgets the old item, and removes the handler when the last listener goes', async () => {
    const mailbox = mailboxOf({ message: readMessage() });
    const first = mailbox.currentItem();
    const seen: string[] = [];
    const stopA = mailbox.onItemChanged(() => seen.push('a'));
    const stopB = mailbox.onItemChanged(() => {
      seen.push('b');
      throw new Error('a listener bug');
    });
    await flush();
    expect(fake.handlers.get('olkItemSelectedChanged')).toHaveLength(1);
    fake.setMessage(readMessage({ itemId: 'AAMkAD-read-2', subject: 'Second' }));
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fake.fire('olkItemSelectedChanged');
    error.mockRestore();
    expect(seen).toEqual(['a', 'b']);
    const second = mailbox.currentItem() as ReadMessage;
    expect(second).not.toBe(first);
    expect(second.subject).toBe('Second');
    stopA();
    stopB();
    await flush();
    expect(fake.handlers.has('olkItemSelectedChanged')).toBe(false);
    expect(fake.calls.filter((call) => call === 'removeHandlerAsync')).toHaveLength(1);
  });

  it('lists the selected messages (Mailbox 1.13) and relays SelectedItemsChanged', async () => {
    const mailbox = mailboxOf({ requirementSets: ['1.13'], selectedItems: [{ itemId: 'id-1', subject: 'One' }, { itemId: 'id-2', subject: 'Two' }, { itemId: 'id-3', subject: 'Meeting', itemType: 'appointment' }] });
    await expect(mailbox.getSelectedItems()).resolves.toEqual([
      { itemId: 'id-1', subject: 'One' },
      { itemId: 'id-2', subject: 'Two' },
    ]);
    const listener = jest.fn();
    mailbox.onSelectionChanged(listener);
    await flush();
    fake.fire('olkSelectedItemsChanged');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('says which requirement set is missing for multi-select and loading by id', async () => {
    const mailbox = mailboxOf({ requirementSets: [] });
    await expect(mailbox.getSelectedItems()).rejects.toThrow(/Mailbox requirement set 1\.13/);
    await expect(mailbox.loadMessage('id-1')).rejects.toThrow(/Mailbox requirement set 1\.15/);
  });

  it('loads messages by id one at a time, unloading the previous one first (Mailbox 1.15)', async () => {
    const mailbox = mailboxOf({
      requirementSets: ['1.13', '1.15'],
      loadable: { 'id-1': readMessage({ itemId: 'id-1', subject: 'One' }), 'id-2': readMessage({ itemId: 'id-2', subject: 'Two' }) },
    });
    const [one, two] = await Promise.all([mailbox.loadMessage('id-1'), mailbox.loadMessage('id-2')]);
    expect(one.subject).toBe('One');
    expect(two.subject).toBe('Two');
    await expect(two.getBody()).resolves.toEqual({ contentType: 'html', content: '<p>Here is the offer.</p>' });
    expect(fake.loadedItemIds).toEqual(['id-1', 'id-2']);
    expect(fake.unloadedItemIds).toEqual(['id-1']);
    await expect(mailbox.loadMessage('missing')).rejects.toMatchObject({ name: 'ItemNotFound', code: 9013 });
  });

  it('gives the Office theme colours when the host has them', () => {
    expect(mailboxOf({ officeTheme: { bodyBackgroundColor: '#1f1f1f', bodyForegroundColor: '#ffffff' } }).theme()).toEqual({ bodyBackgroundColor: '#1f1f1f', bodyForegroundColor: '#ffffff' });
    expect(mailboxOf({}).theme()).toBeNull();
  });
});
