import { screen, waitFor } from '@testing-library/react';
import type { TrackRequest } from '../../../src/common/api/email';
import type { FakeReadMessage } from '../../fakes/fake-mailbox';
import { FAKE_ORIGIN, type FakeTrackingApi } from '../../fakes/fake-tracking-api';

/** The track request the pane would send for a received message. */
export function trackRequestFor(message: FakeReadMessage, extra: Partial<TrackRequest> = {}): TrackRequest {
  return {
    direction: 'incoming',
    internetMessageId: message.internetMessageId,
    ...(message.conversationId && { conversationId: message.conversationId }),
    subject: message.subject,
    from: message.from,
    to: message.to,
    cc: message.cc,
    receivedAt: message.dateTimeCreated,
    body: message.body,
    source: 'manual',
    ...extra,
  };
}

/** Tracks a message directly through the API, as another client (or an earlier session) did. */
export async function trackThroughApi(api: FakeTrackingApi, token: string, message: FakeReadMessage, extra: Partial<TrackRequest> = {}): Promise<void> {
  const request = trackRequestFor(message, extra);
  const response = await api.fetch(`${FAKE_ORIGIN}/api/v1/emails`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `seed-${Math.random()}` },
    body: JSON.stringify(request),
  });
  if (response.status >= 300) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
}

/** Waits until the pane has asked for the message's status and shows a settled state. */
export async function waitForSettled(): Promise<void> {
  await waitFor(() => expect(screen.queryByText('Checking whether this message is tracked…')).toBeNull());
  await waitFor(() => expect(screen.queryByText('Connecting to the tracking server…')).toBeNull());
}

export function isDisabled(element: HTMLElement): boolean {
  return element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';
}
