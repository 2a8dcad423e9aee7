import { describe, expect, it } from '@jest/globals';
import type { OutboxOperation } from '../../../src/addin/outbox/operation';
import type { OutboxStorage } from '../../../src/addin/outbox/storage';

/** One durable place, and a way to open a storage over it as a fresh process would. */
export interface StorageHarness {
  open(): Promise<OutboxStorage>;
  /** Ends this instance's hold on the place (e.g. closes the database) as a restart would. */
  close?(storage: OutboxStorage): void;
}

export function operation(id: string, overrides: Partial<OutboxOperation> = {}): OutboxOperation {
  return {
    id,
    kind: 'track',
    idempotencyKey: `key-${id}`,
    request: {
      method: 'POST',
      path: '/api/v1/emails',
      body: { subject: 'Quarterly report — “Q3” ✓', to: [{ address: 'ada@contoso.example', name: 'Ada' }], sentAt: '2025-01-06T09:00:00Z' },
    },
    label: 'Track “Quarterly report”',
    messageKey: `<${id}@contoso.example>`,
    sequence: 0,
    createdAt: 1_736_154_000_000,
    attempts: 0,
    nextAttemptAt: 1_736_154_000_000,
    giveUpAt: 1_736_154_000_000 + 6 * 86_400_000,
    state: 'pending',
    ...overrides,
  };
}

function byId(operations: OutboxOperation[]): OutboxOperation[] {
  return [...operations].sort((a, b) => a.id.localeCompare(b.id));
}

/** What every OutboxStorage promises, whatever it is built on. */
export function describeOutboxStorageContract(name: string, createHarness: () => StorageHarness): void {
  describe(`${name} (OutboxStorage contract)`, () => {
    it('loads nothing from a new store', async () => {
      const storage = await createHarness().open();
      expect(await storage.load()).toEqual([]);
    });

    it('loads back exactly what was put', async () => {
      const storage = await createHarness().open();
      const stored = operation('a', { lastError: { status: 503, title: 'Service unavailable', detail: 'Restarting' } });
      await storage.put(stored);
      expect(await storage.load()).toEqual([stored]);
    });

    it('replaces an operation put again under the same id', async () => {
      const storage = await createHarness().open();
      await storage.put(operation('a'));
      const failed = operation('a', { state: 'failed', attempts: 3, lastError: { status: 422, title: 'Invalid', detail: 'Bad subject' } });
      await storage.put(failed);
      expect(await storage.load()).toEqual([failed]);
    });

    it('removes an operation and ignores removing one that is not there', async () => {
      const storage = await createHarness().open();
      await storage.put(operation('a'));
      await storage.put(operation('b'));
      await storage.remove('a');
      await storage.remove('never-stored');
      expect(await storage.load()).toEqual([operation('b')]);
    });

    it('keeps every operation when many writes run at once', async () => {
      const storage = await createHarness().open();
      const ids = Array.from({ length: 25 }, (_, index) => `op-${String(index).padStart(2, '0')}`);
      await Promise.all(ids.map((id, index) => storage.put(operation(id, { sequence: index }))));
      await Promise.all(ids.filter((_, index) => index % 5 === 0).map((id) => storage.remove(id)));
      const loaded = byId(await storage.load());
      expect(loaded.map((stored) => stored.id)).toEqual(ids.filter((_, index) => index % 5 !== 0));
    });

    it('hands out copies, so changing a loaded operation changes nothing stored', async () => {
      const storage = await createHarness().open();
      await storage.put(operation('a'));
      const [loaded] = await storage.load();
      loaded!.state = 'failed';
      expect(await storage.load()).toEqual([operation('a')]);
    });

    it('survives a restart: a new instance over the same store sees the same operations', async () => {
      const harness = createHarness();
      const before = await harness.open();
      await before.put(operation('a', { sequence: 0 }));
      await before.put(operation('b', { sequence: 1, state: 'failed', lastError: { title: 'Gave up after 6 days', detail: 'Retry' } }));
      await before.put(operation('c', { sequence: 2 }));
      await before.remove('c');
      harness.close?.(before);
      const after = await harness.open();
      expect(byId(await after.load())).toEqual([
        operation('a', { sequence: 0 }),
        operation('b', { sequence: 1, state: 'failed', lastError: { title: 'Gave up after 6 days', detail: 'Retry' } }),
      ]);
      await after.put(operation('d'));
      harness.close?.(after);
      expect((await (await harness.open()).load()).map((stored) => stored.id).sort()).toEqual(['a', 'b', 'd']);
    });
  });
}
