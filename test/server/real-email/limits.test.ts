import { describe, expect, it } from '@jest/globals';
import type { EmailDetail, TrackResponse } from '../../../src/common/api/email';
import type { EmailSettings } from '../../../src/common/api/settings';
import { ENGINES } from '../../support/engines';
import type { TestServer } from '../../support/test-server';
import { corpusMessage, readMessage } from './corpus';
import { emlToTrack } from './eml-to-track';
import { sha256OfBase64, withServer } from './round-trip';

/** DESIGN §2: attachments over the org limit and bodies over the body limit are kept as metadata / truncated, with a notice. Nothing is dropped silently. */
const ATTACHMENT_LIMIT_KB = 2;
const BODY_LIMIT_KB = 4;

/** Real attachments on both sides of 2 KB: a PGP signature, an inline logo, a TNEF blob, a PDF, a 165 KB GIF, a 215 KB BMP. */
const WITH_ATTACHMENTS = ['easy-ham-1/00014', 'modern/02-re-offer', 'easy-ham-1/00067', 'modern/03-re-re-offer', 'spam-1/00341', 'hard-ham-1/00039', 'easy-ham-2/00720'];
/** Bodies on both sides of 4 KB: short ones, long plain text, long HTML, and Japanese and Chinese text cut mid-stream. */
const BODIES = ['modern/01-offer', 'easy-ham-1/00001', 'spam-1/00293', 'spam-1/00252', 'hard-ham-1/00001', 'hard-ham-1/00010', 'hard-ham-1/00042'];

async function setLimits(server: TestServer, admin: string, change: Partial<EmailSettings>): Promise<void> {
  const current = await server.request<EmailSettings>('GET', '/api/v1/admin/email-settings', { token: admin });
  expect(current.status).toBe(200);
  const updated = await server.request<EmailSettings>('PUT', '/api/v1/admin/email-settings', { token: admin, body: { ...current.body, ...change } });
  expect(updated.status).toBe(200);
  expect(updated.body).toMatchObject(change);
}

describe.each(ENGINES)('limits on real email on %s', (engine) => {
  it('attachments larger than the organisation limit come back saved: false with an attachment-not-saved notice', async () => {
    await withServer(engine, async (server) => {
      const admin = await server.user('it@contoso.example', { admin: true });
      const token = await server.user('lena.krueger@contoso.example');
      await setLimits(server, admin, { maxAttachmentKb: ATTACHMENT_LIMIT_KB });
      let saved = 0;
      let refused = 0;
      for (const id of WITH_ATTACHMENTS) {
        const { request } = await emlToTrack(readMessage(corpusMessage(id)));
        const tracked = await server.request<TrackResponse>('POST', '/api/v1/emails', { token, body: request });
        expect({ id, status: tracked.status }).toEqual({ id, status: 201 });
        const expected = request.attachments!.map((a) => {
          const fits = a.size <= ATTACHMENT_LIMIT_KB * 1024;
          if (fits) saved++;
          else refused++;
          return { name: a.name, contentType: a.contentType, size: a.size, saved: fits, sha256: fits ? sha256OfBase64(a.contentBase64!) : null };
        });
        const unsavedNames = expected.filter((a) => !a.saved).map((a) => a.name);
        const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${tracked.body.email.id}`, { token });
        for (const email of [tracked.body.email, read.body]) {
          expect({ id, attachments: email.attachments }).toEqual({ id, attachments: expected });
          const notices = email.notices.filter((n) => n.code === 'attachment-not-saved');
          expect({ id, notices: notices.length }).toEqual({ id, notices: unsavedNames.length });
          // Each notice names the attachment it is about, so the user knows which file is missing.
          unsavedNames.forEach((name, index) => expect(notices[index]!.message).toContain(name));
        }
      }
      expect(saved).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    });
  });

  it('bodies over the organisation body limit come back truncated with a body-truncated notice', async () => {
    await withServer(engine, async (server) => {
      const admin = await server.user('it@contoso.example', { admin: true });
      const token = await server.user('lena.krueger@contoso.example');
      await setLimits(server, admin, { maxBodyKb: BODY_LIMIT_KB });
      const limit = BODY_LIMIT_KB * 1024;
      let cut = 0;
      let whole = 0;
      for (const id of BODIES) {
        const { request } = await emlToTrack(readMessage(corpusMessage(id)));
        const original = request.body.content;
        const over = Buffer.byteLength(original, 'utf8') > limit;
        const tracked = await server.request<TrackResponse>('POST', '/api/v1/emails', { token, body: request });
        expect({ id, status: tracked.status }).toEqual({ id, status: 201 });
        expect({ id, notice: tracked.body.email.notices.some((n) => n.code === 'body-truncated') }).toEqual({ id, notice: over });
        const read = await server.request<EmailDetail>('GET', `/api/v1/emails/${tracked.body.email.id}`, { token });
        const body = read.body.body;
        expect({ id, truncated: body.truncated, contentType: body.contentType }).toEqual({ id, truncated: over, contentType: request.body.contentType });
        if (over) {
          cut++;
          // Cut on a character boundary: what is kept is the start of the original, within the limit, less at most one character.
          const kept = Buffer.byteLength(body.content, 'utf8');
          expect({ id, prefix: original.startsWith(body.content), withinLimit: kept <= limit, nearLimit: kept > limit - 4 }).toEqual({
            id,
            prefix: true,
            withinLimit: true,
            nearLimit: true,
          });
        } else {
          whole++;
          expect({ id, same: body.content === original }).toEqual({ id, same: true });
        }
      }
      expect(cut).toBeGreaterThan(2);
      expect(whole).toBeGreaterThan(1);
    });
  });
});
