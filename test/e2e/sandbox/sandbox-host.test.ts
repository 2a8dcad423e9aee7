import type { LaunchOutcome, OfficeHost } from '../../../src/sandbox/host/bridge/office-host';
import { headerValue } from '../../../src/sandbox/common/mail/internet-headers';
import type { SandboxSeed } from '../../../src/sandbox/common/mail/mail-types';
import { SandboxController } from '../../../src/sandbox/host/model/sandbox-controller';
import { initialState, SandboxStore } from '../../../src/sandbox/host/model/sandbox-state';
import { sampleMailboxes } from '../../../src/sandbox/node/sample-mailbox';
import { REPOSITORY_ROOT } from '../../../src/sandbox/node/sandbox-build';

/**
 * The sandbox's own promises about Outlook's behaviour, without a browser: what Send does with
 * the OnMessageSend answer, and what a delivered message carries. The browser scenarios rely on them.
 */

const ALICE = 'alice@contoso.example';
const BOB = 'bob@contoso.example';

function world(outcome: (type: string) => LaunchOutcome | Promise<LaunchOutcome>) {
  const seed: SandboxSeed = {
    sandboxId: 'test',
    domain: 'contoso.example',
    users: [
      { address: ALICE, name: 'Alice Adams', token: 'a' },
      { address: BOB, name: 'Bob Barnes', token: 'b' },
    ],
    admin: { address: 'it@contoso.example', name: 'IT', token: 'i' },
    addin: { taskpaneUrl: '/taskpane.html', eventPageUrl: '/launchevent.html', launchEvents: [] },
    mailboxes: sampleMailboxes({ now: Date.parse('2030-05-01T12:00:00Z'), repositoryRoot: REPOSITORY_ROOT }),
  };
  const store = new SandboxStore(initialState(seed));
  const fired: string[] = [];
  const host = {
    fireLaunchEvent: async (_user: string, type: string) => {
      fired.push(type);
      return outcome(type);
    },
  } as unknown as OfficeHost;
  return { store, fired, controller: new SandboxController(store, host) };
}

const completed = (allowEvent: boolean, errorMessage: string | null = null): LaunchOutcome => ({ kind: 'completed', allowEvent, errorMessage, ms: 5 });

function writeTo(store: SandboxStore, controller: SandboxController, to: string, subject: string) {
  controller.compose('new');
  controller.editDraft({ to, subject, text: 'Hello' });
  return store.mailbox(ALICE).draft!;
}

test('Send waits for OnMessageSend and keeps the message open with the reason when the add-in answers allowEvent: false', async () => {
  const { store, controller, fired } = world((type) => (type === 'OnMessageSend' ? completed(false, 'Add a regarding record first.') : completed(true)));
  writeTo(store, controller, 'Bob Barnes <bob@contoso.example>', 'Blocked');
  await controller.send();
  expect(fired).toEqual(['OnNewMessageCompose', 'OnMessageSend']);
  const draft = store.mailbox(ALICE).draft!;
  expect(draft.status).toBe('blocked');
  expect(draft.blockedReason).toBe('Add a regarding record first.');
  expect(store.mailbox(BOB).messages.some((message) => message.subject === 'Blocked')).toBe(false);
});

test('a send goes when the event runtime is unavailable or too slow (SendMode SoftBlock)', async () => {
  for (const outcome of [{ kind: 'unavailable', reason: 'not loaded' }, { kind: 'timed-out', ms: 60_000 }] as LaunchOutcome[]) {
    const { store, controller } = world(() => outcome);
    writeTo(store, controller, 'bob@contoso.example', `Goes anyway (${outcome.kind})`);
    await controller.send();
    expect(store.mailbox(ALICE).draft).toBeNull();
    expect(store.mailbox(BOB).messages[0]!.subject).toBe(`Goes anyway (${outcome.kind})`);
  }
});

test('a sent message gets a Message-ID, keeps the internet headers set in compose on every copy, and reaches sandbox users only', async () => {
  const { store, controller } = world(() => completed(true));
  const draft = writeTo(store, controller, 'Bob Barnes <bob@contoso.example>, Dana Whitfield <dana.whitfield@fabrikam.example>', 'Headers travel');
  store.updateDraft(ALICE, draft.draftId, (current) => ({ ...current, bcc: 'carol@contoso.example', internetHeaders: { 'X-Docket-Token': '0b7c7a8e-4a0e-4a8e-9d43-1f2f3a4b5c6d' }, customProperties: { docketToken: 'kept' } }));
  await controller.send();

  const sent = store.mailbox(ALICE).messages.find((message) => message.folder === 'sent' && message.subject === 'Headers travel')!;
  const received = store.mailbox(BOB).messages.find((message) => message.subject === 'Headers travel')!;
  expect(sent.internetMessageId).toMatch(/^<SBX[0-9A-F]+@contoso\.example>$/);
  expect(received.internetMessageId).toBe(sent.internetMessageId);
  expect(received.itemId).not.toBe(sent.itemId);
  expect(received.conversationId).toBe(sent.conversationId);
  for (const copy of [sent, received]) {
    expect(headerValue(copy, 'X-Docket-Token')).toBe('0b7c7a8e-4a0e-4a8e-9d43-1f2f3a4b5c6d');
    expect(headerValue(copy, 'Message-ID')).toBe(sent.internetMessageId);
  }
  expect(headerValue(received, 'Received')).toMatch(/^from mail\.contoso\.example/);
  expect(headerValue(received, 'Bcc')).toBeNull();
  expect(sent.bcc.map((person) => person.address)).toEqual(['carol@contoso.example']);
  expect(sent.customProperties).toEqual({ docketToken: 'kept' });
  expect(received.customProperties).toEqual({});
});

test('a reply carries In-Reply-To and References of its thread and stays in the conversation', async () => {
  const { store, controller } = world(() => completed(true));
  const original = store.mailbox(ALICE).messages.find((message) => message.subject === 'RE: Offer for 200 seats' && message.folder === 'inbox')!;
  controller.select(original.itemId, 'single');
  controller.compose('reply-all');
  const draft = store.mailbox(ALICE).draft!;
  expect(draft.subject).toBe('RE: Offer for 200 seats');
  expect(draft.to).toBe('Dana Whitfield <dana.whitfield@fabrikam.example>');
  expect(draft.cc).toBe('Bob Barnes <bob@contoso.example>');
  await controller.send();

  const reply = store.mailbox(BOB).messages.find((message) => message.subject === 'RE: Offer for 200 seats' && message.internetMessageId !== original.internetMessageId)!;
  expect(reply.conversationId).toBe(original.conversationId);
  expect(headerValue(reply, 'In-Reply-To')).toBe(original.internetMessageId);
  expect(headerValue(reply, 'References')).toBe(['<offer-200-seats-1@fabrikam.example>', '<offer-200-seats-2@contoso.example>', original.internetMessageId].join(' '));
});

test('click, Ctrl+click and Shift+click select as in Outlook', () => {
  const { store, controller } = world(() => completed(true));
  const inbox = store.mailbox(ALICE).messages.filter((message) => message.folder === 'inbox');
  controller.select(inbox[2]!.itemId, 'single');
  controller.select(inbox[6]!.itemId, 'range');
  expect(store.mailbox(ALICE).selection).toEqual(inbox.slice(2, 7).map((message) => message.itemId));
  controller.select(inbox[4]!.itemId, 'toggle');
  expect(store.mailbox(ALICE).selection).toHaveLength(4);
  controller.select(inbox[9]!.itemId, 'toggle');
  expect(store.mailbox(ALICE).selection).toHaveLength(5);
  controller.select(inbox[0]!.itemId, 'single');
  expect(store.mailbox(ALICE).selection).toEqual([inbox[0]!.itemId]);
  expect(inbox.length).toBeGreaterThanOrEqual(60);
});
