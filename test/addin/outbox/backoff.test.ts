import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fullJitterDelay, parseRetryAfter } from '../../../src/addin/outbox/backoff';
import { randomUuid } from '../../../src/addin/outbox/random-uuid';

describe('fullJitterDelay', () => {
  it('stays between zero and min(cap, base·2^attempts)', () => {
    fc.assert(
      fc.property(
        fc.nat(2000),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, baseMs, capMs, random) => {
          const delay = fullJitterDelay(attempts, { baseMs, capMs }, () => random);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(capMs, baseMs * 2 ** attempts));
        },
      ),
    );
  });

  it('uses the whole range the random source gives it', () => {
    const policy = { baseMs: 1000, capMs: 60_000 };
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(4000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 6, 9, 0, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Mon, 06 Jan 2025 09:01:30 GMT', now)).toBe(90_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Mon, 06 Jan 2025 08:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('randomUuid', () => {
  it('makes version 4 UUIDs, also without crypto.randomUUID', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomUuid()).toMatch(uuid);
    try {
      Object.defineProperty(globalThis, 'crypto', {
        configurable: true,
        value: { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xab) },
      });
      expect(randomUuid()).toBe('abababab-abab-4bab-abab-abababababab');
      Object.defineProperty(globalThis, 'crypto', { configurable: true, value: undefined });
      expect(randomUuid()).toMatch(uuid);
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
  });
});
