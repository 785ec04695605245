import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR } from '../../../src/core/money';
import { applyKeypadKey, keypadKeyOf, keypadLimit, KeypadTyping, type KeypadKey } from '../../../src/ui/member/keypad';

const NO_LIMIT = MAX_AMOUNT_MINOR;

function type(keys: KeypadKey[], limit = NO_LIMIT, from = 0): number {
  return keys.reduce((amount, key) => applyKeypadKey(amount, key, limit) ?? amount, from);
}

describe('the amount keypad', () => {
  it('types like a cash register: each digit shifts the amount one minor unit left', () => {
    expect(type(['1', '2', '5'])).toBe(125); // 1.25 EUR
    expect(type(['1', '5', '0', '0'])).toBe(1500); // 1 500 Ft in whole forints
    expect(type(['4', '00'])).toBe(400);
    expect(type(['0', '0', '00', '7'])).toBe(7);
  });

  it('deletes the last digit and clears', () => {
    expect(type(['1', '2', '5', 'back'])).toBe(12);
    expect(type(['back'])).toBe(0);
    expect(type(['9', '9', 'clear'])).toBe(0);
  });

  it('refuses a key that would pass the limit and keeps the amount', () => {
    expect(applyKeypadKey(5000, '1', 50_000)).toBeUndefined();
    expect(applyKeypadKey(5000, '00', 50_000)).toBeUndefined();
    expect(applyKeypadKey(5000, '0', 50_000)).toBe(50_000);
    expect(applyKeypadKey(5000, 'back', 50_000)).toBe(500);
    expect(type(['6', '0', '0', '0', '0'], 50_000)).toBe(6000);
  });

  it('never leaves whole minor units within the limit, whatever is pressed', () => {
    const key = fc.constantFrom<KeypadKey>('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '00', 'back', 'clear');
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.integer({ min: 0, max: NO_LIMIT }), (keys, limit) => {
        const amount = type(keys, limit);
        expect(Number.isSafeInteger(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(0);
        expect(amount).toBeLessThanOrEqual(limit);
      }),
    );
  });

  it('takes the owner’s per-purchase limit, never more than any amount may be', () => {
    expect(keypadLimit(100_000)).toBe(100_000);
    expect(keypadLimit(Number.MAX_SAFE_INTEGER)).toBe(MAX_AMOUNT_MINOR);
  });

  it('reads digits from the top row or the numpad, Backspace, Delete and Escape', () => {
    expect(keypadKeyOf('7')).toBe('7');
    expect(keypadKeyOf('Backspace')).toBe('back');
    expect(keypadKeyOf('Delete')).toBe('clear');
    expect(keypadKeyOf('Escape')).toBe('clear');
    expect(keypadKeyOf('é')).toBeUndefined();
    expect(keypadKeyOf('Enter')).toBeUndefined();
  });
});

describe('keypad typing versus a scanner', () => {
  it('lets a person type, however long the amount', () => {
    const typing = new KeypadTyping();
    for (let i = 0; i < 10; i++) expect(typing.character(0, 1000 + i * 80)).toEqual({ kind: 'type' });
    expect(typing.enter(1000 + 10 * 80)).toEqual({ kind: 'type' });
  });

  it('takes back what a scanner’s burst typed, from its sixth key on', () => {
    const typing = new KeypadTyping();
    expect(typing.character(12, 1000)).toEqual({ kind: 'type' }); // a person typed 12, then the scanner starts
    let amount = 12;
    const verdicts = [...'912340000017'].map((_, i) => {
      const verdict = typing.character(amount, 2000 + i * 4);
      if (verdict.kind === 'type') amount = amount * 10 + 1;
      return verdict.kind;
    });
    expect(verdicts.slice(0, 5)).toEqual(['type', 'type', 'type', 'type', 'type']);
    expect(verdicts.slice(5).every((kind) => kind === 'scanner')).toBe(true);
    expect(typing.character(amount, 2000 + 12 * 4)).toEqual({ kind: 'scanner', amountMinor: 12 });
  });

  it('never adds points on the Enter that ends a burst, even a short one', () => {
    const typing = new KeypadTyping();
    typing.character(0, 1000);
    typing.character(5, 1004);
    expect(typing.enter(1008)).toEqual({ kind: 'scanner', amountMinor: 0 });
    // The next Enter, a moment later, is the cashier's.
    expect(typing.enter(1500)).toEqual({ kind: 'type' });
  });

  it('ends a burst on any other key', () => {
    const typing = new KeypadTyping();
    for (let i = 0; i < 5; i++) typing.character(0, 1000 + i * 4);
    typing.other();
    expect(typing.character(3, 1024)).toEqual({ kind: 'type' });
  });
});
