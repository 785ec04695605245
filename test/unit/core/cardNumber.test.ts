import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasValidCheckDigit, luhnCheckDigit, makeCardNumber, MAX_CARD_SEQUENCE } from '../../../src/core/cardNumber';
import { classifyScannedCode } from '../../../src/core/scanCode';
import { DomainError } from '../../../src/core/errors';

describe('card numbers', () => {
  it('computes the Luhn check digit of a known number', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('builds 12-digit numbers from device prefix and sequence', () => {
    const code = makeCardNumber(91234, 7);
    expect(code).toMatch(/^91234000007\d$/);
    expect(hasValidCheckDigit(code)).toBe(true);
  });

  it('never issues the same number from two devices or two sequences', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 10000, max: 99999 }), fc.integer({ min: 1, max: MAX_CARD_SEQUENCE })),
        fc.tuple(fc.integer({ min: 10000, max: 99999 }), fc.integer({ min: 1, max: MAX_CARD_SEQUENCE })),
        ([p1, s1], [p2, s2]) => {
          fc.pre(p1 !== p2 || s1 !== s2);
          expect(makeCardNumber(p1, s1)).not.toBe(makeCardNumber(p2, s2));
        },
      ),
    );
  });

  it('detects every single-digit typo', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10000, max: 99999 }),
        fc.integer({ min: 1, max: MAX_CARD_SEQUENCE }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (prefix, sequence, position, shift) => {
          const code = makeCardNumber(prefix, sequence);
          const digit = (Number(code[position]) + shift) % 10;
          const typo = code.slice(0, position) + digit + code.slice(position + 1);
          expect(hasValidCheckDigit(typo)).toBe(false);
        },
      ),
    );
  });

  it('refuses to go past the last sequence number', () => {
    expect(() => makeCardNumber(91234, MAX_CARD_SEQUENCE + 1)).toThrow(DomainError);
  });
});

describe('classifyScannedCode', () => {
  const good = makeCardNumber(95555, 42);
  it.each([
    [good, 'card'],
    [`${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`, 'badCheckDigit'],
    ['5901234123457', 'foreign'],
    ['OLD-CARD-0042', 'foreign'],
    ['x7#', 'garbage'],
    ['`~!@#$%^&*', 'garbage'],
    ['#1-2-3#', 'garbage'],
    ['12\u0000345', 'garbage'],
    ['', 'garbage'],
    ['9'.repeat(65), 'garbage'],
  ])('%s is %s', (raw, kind) => {
    expect(classifyScannedCode(raw).kind).toBe(kind);
  });
});
