import { makeCardNumber, randomUnpairedPrefix } from '../core/cardNumber';
import { encodeHlc, HLC_ZERO, tickHlc } from '../core/hlc';
import { newId } from '../core/ids';
import type { Hlc } from '../core/types';
import type { DbContext } from './context';
import type { DeviceRow } from './database';

export async function getOrCreateDevice(ctx: DbContext): Promise<DeviceRow> {
  return ctx.db.transaction('rw', ctx.db.device, async () => {
    const existing = await ctx.db.device.get('self');
    if (existing) return existing;
    const created: DeviceRow = {
      key: 'self',
      deviceId: newId(),
      cardPrefix: randomUnpairedPrefix(ctx.random),
      lastCardSequence: 0,
      hlc: HLC_ZERO,
    };
    await ctx.db.device.add(created);
    return created;
  });
}

/**
 * Within a caller's transaction (which must include the device table): the next HLC stamp
 * and, when asked, the next card number. One read and one write of the device row.
 */
export async function advanceDevice(
  ctx: DbContext,
  options: { cardNumber: boolean },
): Promise<{ deviceId: string; hlc: Hlc; cardNumber?: string }> {
  const device = await ctx.db.device.get('self');
  if (!device) throw new Error('Device not initialised: call getOrCreateDevice first');
  const hlc = tickHlc(device.hlc, ctx.now() + (device.clockOffsetMs ?? 0));
  const lastCardSequence = device.lastCardSequence + (options.cardNumber ? 1 : 0);
  const cardNumber = options.cardNumber ? makeCardNumber(device.cardPrefix, lastCardSequence) : undefined;
  await ctx.db.device.put({ ...device, hlc, lastCardSequence });
  return { deviceId: device.deviceId, hlc: encodeHlc(hlc, device.deviceId), ...(cardNumber ? { cardNumber } : {}) };
}

/** Inside a transaction over the members table: does a member hold this code (say, a hand-linked old card)? */
export async function isCardNumberHeld(ctx: DbContext, cardNumber: string): Promise<boolean> {
  return (await ctx.db.members.where('cardCodes').equals(cardNumber).count()) > 0;
}

/** Pre-printed cards come in sheets of 10; ten sheets at a time is plenty for a shop. */
export const MAX_RESERVED_CARD_NUMBERS = 100;

/**
 * Takes the next `count` card numbers of this tablet's sequence for pre-printed cards, in one
 * transaction: sign-ups continue after them, so a reserved number is never issued again.
 * Numbers a member already holds are skipped, as sign-up skips them. Nothing records which
 * numbers were reserved: an unassigned number of ours scanned later starts a sign-up.
 */
export async function reserveCardNumbers(ctx: DbContext, count: number): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_RESERVED_CARD_NUMBERS) {
    throw new RangeError(`Card numbers to reserve must be 1–${MAX_RESERVED_CARD_NUMBERS}: ${count}`);
  }
  return ctx.db.transaction('rw', ctx.db.device, ctx.db.members, async () => {
    const device = await ctx.db.device.get('self');
    if (!device) throw new Error('Device not initialised: call getOrCreateDevice first');
    const reserved: string[] = [];
    let sequence = device.lastCardSequence;
    while (reserved.length < count) {
      sequence += 1;
      // Past the last sequence this throws card.sequenceExhausted and the transaction reserves nothing.
      const cardNumber = makeCardNumber(device.cardPrefix, sequence);
      if (!(await isCardNumberHeld(ctx, cardNumber))) reserved.push(cardNumber);
    }
    await ctx.db.device.put({ ...device, lastCardSequence: sequence });
    return reserved;
  });
}
