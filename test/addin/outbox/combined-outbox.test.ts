import { describe, expect, it } from '@jest/globals';
import { CombinedOutbox } from '../../../src/addin/outbox/combined-outbox';
import { MemoryOutboxStorage } from '../../../src/addin/outbox/memory-storage';
import type { NewOperation } from '../../../src/addin/outbox/operation';
import { Outbox } from '../../../src/addin/outbox/outbox';
import { FakeClock } from './fakes/fake-clock';
import { networkError, ok, problem, ScriptedTransport } from './fakes/scripted-transport';

const MINUTE = 60_000;

function track(subject: string): NewOperation {
  return { kind: 'track', request: { method: 'POST', path: '/api/v1/emails', body: { subject } }, label: `Track “${subject}”` };
}

/** An outbox whose failures wait almost 10 minutes, as after a long outage. */
function outboxOver(clock: FakeClock, transport: ScriptedTransport, name: string): Outbox {
  let ids = 0;
  return new Outbox({
    storage: new MemoryOutboxStorage(),
    transport,
    clock,
    random: () => 0.99,
    backoff: { baseMs: 10 * MINUTE, capMs: 10 * MINUTE },
    createId: () => `${name}-${++ids}`,
  });
}

describe('CombinedOutbox.sendAllNow', () => {
  it('sends at once what waits in the pane’s outbox and in the event runtime’s, and adds up what happened', async () => {
    const clock = new FakeClock();
    const paneTransport = new ScriptedTransport();
    const eventTransport = new ScriptedTransport();
    const pane = outboxOver(clock, paneTransport, 'pane');
    const events = outboxOver(clock, eventTransport, 'event');
    const combined = new CombinedOutbox(pane, [events]);
    await pane.enqueue(track('Read in the pane'));
    await pane.enqueue(track('Refused'));
    await events.enqueue(track('Sent from Outlook'));
    paneTransport.reply(networkError(), problem(422, 'Invalid', 'Bad subject'));
    eventTransport.reply(networkError());
    await combined.flush();
    expect(await combined.flush()).toMatchObject({ done: 0, deferred: 0 });

    paneTransport.reply(ok());
    eventTransport.reply(ok());
    expect(await combined.sendAllNow()).toEqual({ done: 2, deferred: 0, failed: 0, stoppedAtDeadline: false });
    expect((await combined.list()).map((operation) => [operation.label, operation.state])).toEqual([['Track “Refused”', 'failed']]);
  });
});
