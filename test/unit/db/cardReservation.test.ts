import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit, makeCardNumber, MAX_CARD_SEQUENCE } from '../../../src/core/cardNumber';
import { DomainError } from '../../../src/core/errors';
import { reserveCardNumbers } from '../../../src/db/deviceRepository';
import { enrollMember } from '../../../src/db/memberRepository';
import { makeTestContext } from '../../support/dbContext';

// Numbers for pre-printed blank cards: taken from the tablet's own card sequence, never issued twice.

const eva = { name: 'Éva Kovács', phone: '', email: '', marketingConsent: false, welcomeBonus: false };

const device = async (ctx: Awaited<ReturnType<typeof makeTestContext>>) => (await ctx.db.device.get('self'))!;

describe('reserveCardNumbers', () => {
  it('takes the next numbers of the device sequence, each with a valid check digit', async () => {
    const ctx = await makeTestContext();
    const { cardPrefix } = await device(ctx);
    const numbers = await reserveCardNumbers(ctx, 10);
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => makeCardNumber(cardPrefix, i + 1)));
    expect(numbers.every(hasValidCheckDigit)).toBe(true);
    expect((await device(ctx)).lastCardSequence).toBe(10);
  });

  it('never hands out the same number twice across sheets and sign-ups', async () => {
    const ctx = await makeTestContext();
    const signedUpBefore = (await enrollMember(ctx, eva)).member.cardCodes[0]!;
    const firstSheet = await reserveCardNumbers(ctx, 10);
    const secondSheet = await reserveCardNumbers(ctx, 20);
    const signedUpAfter = [];
    for (const name of ['Béla', 'Nikos', 'Aino']) signedUpAfter.push((await enrollMember(ctx, { ...eva, name })).member.cardCodes[0]!);
    const all = [signedUpBefore, ...firstSheet, ...secondSheet, ...signedUpAfter];
    expect(new Set(all).size).toBe(all.length);
    // Sign-ups continue after the reserved block rather than somewhere inside it.
    const sequence = (code: string) => Number(code.slice(5, 11));
    expect(Math.min(...signedUpAfter.map(sequence))).toBeGreaterThan(Math.max(...secondSheet.map(sequence)));
  });

  it('gives concurrent reservations disjoint blocks (one transaction each)', async () => {
    const ctx = await makeTestContext();
    const blocks = await Promise.all([reserveCardNumbers(ctx, 10), reserveCardNumbers(ctx, 10), reserveCardNumbers(ctx, 10)]);
    const all = blocks.flat();
    expect(new Set(all).size).toBe(30);
    expect((await device(ctx)).lastCardSequence).toBe(30);
  });

  it('skips a number a member already holds (a hand-linked old card)', async () => {
    const ctx = await makeTestContext();
    const { member } = await enrollMember(ctx, eva);
    const { cardPrefix, lastCardSequence } = await device(ctx);
    const taken = makeCardNumber(cardPrefix, lastCardSequence + 2);
    await ctx.db.members.update(member.id, { cardCodes: [...member.cardCodes, taken] });
    const numbers = await reserveCardNumbers(ctx, 3);
    expect(numbers).not.toContain(taken);
    expect(numbers).toEqual([1, 3, 4].map((step) => makeCardNumber(cardPrefix, lastCardSequence + step)));
  });

  it('refuses a bad count and reserves nothing', async () => {
    const ctx = await makeTestContext();
    const before = await device(ctx);
    for (const count of [0, -1, 1.5, Number.NaN, 101]) {
      await expect(reserveCardNumbers(ctx, count), String(count)).rejects.toThrow(RangeError);
    }
    expect(await device(ctx)).toEqual(before);
  });

  it('reserves all or nothing when the sequence runs out part-way', async () => {
    const ctx = await makeTestContext();
    await ctx.db.device.update('self', { lastCardSequence: MAX_CARD_SEQUENCE - 5 });
    const before = await device(ctx);
    await expect(reserveCardNumbers(ctx, 10)).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === 'card.sequenceExhausted');
    expect(await device(ctx)).toEqual(before);
    expect(await reserveCardNumbers(ctx, 5)).toHaveLength(5);
  });
});
