import { describe, expect, it } from '@jest/globals';
import type { TrackRequest, TrackResponse } from '../../../src/common/api/email';
import { ENGINES } from '../../support/engines';
import type { TestServer } from '../../support/test-server';
import { corpusMessage, readMessage } from './corpus';
import { emlToTrack } from './eml-to-track';
import { withServer } from './round-trip';

/** DESIGN §2 correlation and message identity, on real threads. */
const MODERN_THREAD = ['modern/01-offer', 'modern/02-re-offer', 'modern/03-re-re-offer', 'modern/04-re-re-re-offer'];
/** Thirteen messages of one exmh-workers thread (August 2002), each In-Reply-To the one before. */
const CORPUS_THREAD = [
  'easy-ham-1/00426', 'easy-ham-1/00429', 'easy-ham-1/00457', 'easy-ham-1/00456', 'easy-ham-1/00453', 'easy-ham-1/00451', 'easy-ham-1/00449',
  'easy-ham-1/00450', 'easy-ham-1/00443', 'easy-ham-1/00480', 'easy-ham-1/00482', 'easy-ham-1/00487', 'easy-ham-1/00484',
];
/** Replies whose direct parent is not in the corpus, each with the older message its References name. */
const ORPHAN_REPLIES: Array<{ reply: string; ancestor: string }> = [
  { reply: 'easy-ham-1/00102', ancestor: 'easy-ham-1/00088' },
  { reply: 'easy-ham-1/00109', ancestor: 'easy-ham-1/00108' },
  { reply: 'easy-ham-1/00134', ancestor: 'easy-ham-1/00127' },
];

async function requestFor(id: string, direction: 'incoming' | 'outgoing' = 'incoming'): Promise<TrackRequest> {
  return (await emlToTrack(readMessage(corpusMessage(id)), { direction })).request;
}

async function track(server: TestServer, token: string, body: TrackRequest) {
  return server.request<TrackResponse>('POST', '/api/v1/emails', { token, body });
}

/** Tracks the thread's first message and files it under a new contact, as a user would before the replies arrive. */
async function startThread(server: TestServer, token: string, firstId: string, contactName: string) {
  const first = await track(server, token, await requestFor(firstId));
  expect(first.status).toBe(201);
  const contact = await server.record('contact', contactName, [first.body.email.from.address]);
  const patched = await server.request('PATCH', `/api/v1/emails/${first.body.email.id}`, { token, body: { regarding: { type: 'contact', id: contact.id } } });
  expect(patched.status).toBe(200);
  return { first: first.body.email, regarding: { type: 'contact', id: contact.id, name: contactName } };
}

describe.each(ENGINES)('threads of real email on %s', (engine) => {
  it('replies are correlated in-reply-to to their stored parent and inherit its regarding', async () => {
    await withServer(engine, async (server) => {
      const token = await server.user('lena.krueger@contoso.example');
      for (const [thread, contactName] of [[MODERN_THREAD, 'Maria Schäfer'], [CORPUS_THREAD, 'exmh thread starter']] as const) {
        const { regarding } = await startThread(server, token, thread[0]!, contactName);
        let parent = await requestFor(thread[0]!);
        for (const id of thread.slice(1)) {
          const request = await requestFor(id);
          expect({ id, inReplyTo: request.inReplyTo }).toEqual({ id, inReplyTo: parent.internetMessageId });
          const reply = await track(server, token, request);
          expect({ id, status: reply.status, correlationMethod: reply.body.email.correlationMethod, regarding: reply.body.email.regarding }).toEqual({
            id,
            status: 201,
            correlationMethod: 'in-reply-to',
            regarding,
          });
          parent = request;
        }
      }
    });
  });

  it('a reply whose parent was never tracked still correlates in-reply-to through a tracked ancestor in its References', async () => {
    await withServer(engine, async (server) => {
      const token = await server.user('lena.krueger@contoso.example');
      // The fourth message of the modern thread, with the second and third never tracked.
      const pairs = [{ reply: 'modern/04-re-re-re-offer', ancestor: 'modern/01-offer' }, ...ORPHAN_REPLIES];
      for (const [index, { reply, ancestor }] of pairs.entries()) {
        const { first, regarding } = await startThread(server, token, ancestor, `Thread ${index + 1}`);
        const request = await requestFor(reply);
        expect({ reply, parentIsAncestor: request.inReplyTo === first.internetMessageId, ancestorInReferences: request.references?.includes(first.internetMessageId!) }).toEqual({
          reply,
          parentIsAncestor: false,
          ancestorInReferences: true,
        });
        const tracked = await track(server, token, request);
        expect({ reply, status: tracked.status, correlationMethod: tracked.body.email.correlationMethod, regarding: tracked.body.email.regarding }).toEqual({
          reply,
          status: 201,
          correlationMethod: 'in-reply-to',
          regarding,
        });
      }
    });
  });

  it('a message without a Message-ID is rejected 422 unless a tracking token is given', async () => {
    await withServer(engine, async (server) => {
      const token = await server.user('lena.krueger@contoso.example');
      // A real message with no Message-ID header, and one whose Message-ID is the empty "<>".
      for (const id of ['spam-2/00712', 'spam-2/00357']) {
        const request = await requestFor(id);
        expect(request.internetMessageId).toBeUndefined();
        const refused = await track(server, token, request);
        expect({ id, status: refused.status, rule: refused.body && (refused.body as unknown as { rule?: string }).rule }).toEqual({
          id,
          status: 422,
          rule: 'message-identity-required',
        });
        const withToken = await track(server, token, { ...request, trackingToken: `corpus-${id.replace('/', '-')}` });
        expect({ id, status: withToken.status, internetMessageId: withToken.body.email.internetMessageId }).toEqual({ id, status: 201, internetMessageId: null });
      }

      // Sent mail at send time: no Message-ID yet, only the X-Docket-Token the add-in stamped.
      const sent = await requestFor('modern/06-sent-no-message-id', 'outgoing');
      expect(sent.trackingToken).toBe('3f2b8c1e-9a4d-4f6b-8e2a-7c5d1b0e9f13');
      const atSend = await track(server, token, sent);
      expect(atSend.status).toBe(201);
      // The Sent Items copy carries the Message-ID Exchange gave it, and the same header: one email.
      const copy = await track(server, token, { ...sent, internetMessageId: '<AM0PR07MB4321SENT0001@AM0PR07MB4321.eurprd07.prod.outlook.com>' });
      expect({ status: copy.status, id: copy.body.email.id, internetMessageId: copy.body.email.internetMessageId }).toEqual({
        status: 200,
        id: atSend.body.email.id,
        internetMessageId: '<AM0PR07MB4321SENT0001@AM0PR07MB4321.eurprd07.prod.outlook.com>',
      });
    });
  });
});
