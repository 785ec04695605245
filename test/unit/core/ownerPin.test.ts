import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors';
import { checkNewPin, checkPinFormat, hashPin, nextPinAttemptAt, PIN_HASH_ITERATIONS, secondsUntil, verifyPin } from '../../../src/core/ownerPin';

const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, params: error.params } : error;
  }
  return undefined;
};

describe('owner PIN hashing', () => {
  it('verifies the right PIN and refuses any other', async () => {
    const record = await hashPin('2468');
    expect(await verifyPin('2468', record)).toBe(true);
    for (const wrong of ['2467', '24680', '8642', '']) expect(await verifyPin(wrong, record), wrong).toBe(false);
  });

  it('stores PBKDF2-SHA-256 with its iteration count, a random salt and the hash, never the PIN', async () => {
    const pin = '13572468';
    const [first, second] = await Promise.all([hashPin(pin), hashPin(pin)]);
    expect(Object.keys(first).sort()).toEqual(['algorithm', 'hash', 'iterations', 'salt']);
    expect(first.algorithm).toBe('PBKDF2-SHA-256');
    expect(first.iterations).toBe(PIN_HASH_ITERATIONS);
    expect(PIN_HASH_ITERATIONS).toBeGreaterThanOrEqual(200_000);
    expect(atob(first.salt)).toHaveLength(16);
    expect(atob(first.hash)).toHaveLength(32);
    expect(JSON.stringify(first)).not.toContain(pin);
    // Same PIN, different salts: the hashes say nothing about PINs being equal.
    expect(second.salt).not.toBe(first.salt);
    expect(second.hash).not.toBe(first.hash);
  });

  it('hashes the same PIN and salt to the same hash, which checks against the stored iteration count', async () => {
    const salt = new Uint8Array(16).fill(7);
    const record = await hashPin('0000', salt);
    expect(await hashPin('0000', salt)).toEqual(record);
    // verifyPin derives with the record's own count (so older records still check after a raise).
    expect(await verifyPin('0000', { ...record, iterations: record.iterations + 1 })).toBe(false);
  });
});

describe('owner PIN rules', () => {
  it('takes 4 to 8 digits', () => {
    for (const pin of ['0000', '2468', '13572468']) expect(refusal(() => checkPinFormat(pin)), pin).toBeUndefined();
    for (const pin of ['', '123', '123456789', '12a4', ' 1234', '12 34', '١٢٣٤', '+1234']) {
      expect(refusal(() => checkPinFormat(pin)), pin).toEqual({ code: 'owner.pinFormat', params: { min: 4, max: 8 } });
    }
  });

  it('wants a new PIN typed twice the same, and well formed first', () => {
    expect(refusal(() => checkNewPin('2468', '2468'))).toBeUndefined();
    expect(refusal(() => checkNewPin('2468', '2469'))).toEqual({ code: 'owner.pinMismatch', params: {} });
    expect(refusal(() => checkNewPin('246', '246'))).toMatchObject({ code: 'owner.pinFormat' });
  });
});

describe('back-off after wrong PINs', () => {
  const at = Date.parse('2026-11-23T09:00:00Z');

  it('lets the first three wrong PINs be followed at once', () => {
    for (const failures of [0, 1, 2]) expect(nextPinAttemptAt(failures, at, at)).toBeLessThanOrEqual(at);
    expect(nextPinAttemptAt(5, undefined, at)).toBeLessThanOrEqual(at);
  });

  it('then waits 1, 2, 4 … seconds after the last wrong one, at most 5 minutes', () => {
    const waits = [3, 4, 5, 6, 10, 11, 12, 40, 1000].map((failures) => nextPinAttemptAt(failures, at, at + 500) - at);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 128_000, 256_000, 300_000, 300_000, 300_000]);
  });

  it('does not lock the owner out for longer when the clock was set back', () => {
    const setBack = at - 24 * 3_600_000;
    expect(nextPinAttemptAt(4, at, setBack)).toBe(setBack + 2000);
  });

  it('counts the wait down in whole seconds', () => {
    expect(secondsUntil(at + 1000, at)).toBe(1);
    expect(secondsUntil(at + 1001, at)).toBe(2);
    expect(secondsUntil(at + 1, at)).toBe(1);
    expect(secondsUntil(at, at)).toBe(0);
    expect(secondsUntil(at - 5000, at)).toBe(0);
  });
});
