import { effectiveEvents } from '../core/balance';
import { COUPON_REWARD_PREFIX, couponCodeOf, couponRewardId, generateCouponCodes, MAX_COUPON_BATCHES, MAX_COUPONS_PER_BATCH, reusedCoupons } from '../core/coupons';
import { DomainError } from '../core/errors';
import { newId } from '../core/ids';
import type { CouponBatch, LedgerEvent } from '../core/types';
import { isoAt, type DbContext } from './context';
import { saveProgramChange } from './settingsChanges';
import { withTheirVoids } from './ledgerRepository';
import { getProgram } from './settingsRepository';

// Campaign coupons as the owner sees them: new batches of codes, how many were used, and codes
// that two tablets accepted offline.

export interface NewCouponBatch {
  name: string;
  benefit: string;
  count: number;
  /** YYYY-MM-DD, the last day the codes are accepted. */
  validUntil?: string;
}

function cryptoRandomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Adds a batch of fresh codes to the program (a new version that syncs to every tablet). */
export async function createCouponBatch(ctx: DbContext, input: NewCouponBatch): Promise<CouponBatch> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_COUPONS_PER_BATCH) {
    throw new DomainError('settings.invalid', { field: 'couponCount' });
  }
  const program = await getProgram(ctx);
  if (program.coupons.length >= MAX_COUPON_BATCHES) throw new DomainError('coupon.tooManyCampaigns', { max: MAX_COUPON_BATCHES });
  const taken = new Set(program.coupons.flatMap((batch) => batch.codes));
  const batch: CouponBatch = {
    id: newId(),
    name: input.name,
    benefit: input.benefit,
    codes: generateCouponCodes(input.count, taken, cryptoRandomBytes),
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    createdAt: isoAt(ctx.now()),
  };
  await saveProgramChange(ctx, (current) => ({ coupons: [...current.coupons, batch] }));
  return batch;
}

/** Every coupon use this tablet knows of, with the voids of those uses. */
async function couponEvents(ctx: DbContext): Promise<LedgerEvent[]> {
  return withTheirVoids(ctx, await ctx.db.events.where('rewardId').startsWith(COUPON_REWARD_PREFIX).toArray());
}

/** Codes used so far, per batch id (voided uses left out). */
export async function couponUsesByBatch(ctx: DbContext): Promise<Map<string, number>> {
  const program = await getProgram(ctx);
  const batchOf = new Map<string, string>(program.coupons.flatMap((batch) => batch.codes.map((code) => [couponRewardId(code), batch.id] as const)));
  const counts = new Map<string, number>();
  const used = new Set(effectiveEvents(await couponEvents(ctx)).map((use) => use.rewardId!));
  for (const rewardId of used) {
    const batchId = batchOf.get(rewardId);
    if (batchId) counts.set(batchId, (counts.get(batchId) ?? 0) + 1);
  }
  return counts;
}

export interface CouponReuse {
  event: LedgerEvent;
  code: string;
  memberName: string;
}

/** Second uses of a code (two tablets offline): kept, and listed for the owner. */
export async function listCouponReuses(ctx: DbContext): Promise<CouponReuse[]> {
  const reused = reusedCoupons(await couponEvents(ctx));
  const members = await ctx.db.members.bulkGet(reused.map((event) => event.memberId));
  return reused.map((event, i) => ({ event, code: couponCodeOf(event.rewardId)!, memberName: members[i]?.name ?? '' }));
}
