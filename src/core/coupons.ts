import { effectiveEvents } from './balance';
import { DomainError } from './errors';
import { byHlc } from './hlc';
import type { CouponBatch, LedgerEvent, LoyaltyProgram } from './types';

// Campaign coupons: random codes the owner prints or sends, each usable once. A use is a ledger
// event (kind 'redeem', rewardId 'coupon:CODE') on the member who brought it, so it syncs like
// any other; two tablets accepting one code offline is found afterwards (`reusedCoupons`).

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LETTERS = 'ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 8;
export const MAX_COUPONS_PER_BATCH = 500;
/** The most campaigns the owner may make; the settings keep room for more, made offline on several tablets and merged at sync. */
export const MAX_COUPON_BATCHES = 20;

/**
 * A code as the cashier typed or the scanner read it, in its stored form (8 characters, no
 * dash), or undefined. Ambiguous letters read as the digits they look like.
 */
export function normalizeCouponCode(raw: string): string | undefined {
  const code = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH || ![...code].every((c) => ALPHABET.includes(c))) return undefined;
  // Starts with a letter: never taken for a card number or the digits of a phone number.
  return LETTERS.includes(code[0]!) ? code : undefined;
}

/** How a code is printed and shown: "K7QX-29MD". */
export function formatCouponCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a coupon use's rewardId starts with; the code follows. */
export const COUPON_REWARD_PREFIX = 'coupon:';

export function couponRewardId(code: string): string {
  return `${COUPON_REWARD_PREFIX}${code}`;
}

/** The code a coupon use's rewardId names; undefined for a catalogue reward or none. */
export function couponCodeOf(rewardId: string | undefined): string | undefined {
  return rewardId?.startsWith(COUPON_REWARD_PREFIX) ? rewardId.slice(COUPON_REWARD_PREFIX.length) : undefined;
}

/**
 * `count` new codes, none already in `taken`. `randomBytes` is crypto.getRandomValues at the till
 * (a seeded source in tests). Random over ≈ 7·10¹¹ codes: guessing one is hopeless.
 */
export function generateCouponCodes(count: number, taken: ReadonlySet<string>, randomBytes: (length: number) => Uint8Array): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const bytes = randomBytes(CODE_LENGTH);
    const code = [...bytes].map((byte, i) => (i === 0 ? LETTERS[byte % LETTERS.length] : ALPHABET[byte % ALPHABET.length])).join('');
    if (!taken.has(code)) codes.add(code);
  }
  return [...codes];
}

export function findCouponBatch(program: Pick<LoyaltyProgram, 'coupons'>, code: string): CouponBatch | undefined {
  return program.coupons.find((batch) => batch.codes.includes(code));
}

/** Refuses a coupon of no batch, past its last day (the shop's local date), or used before. */
export function assertCouponUsable(batch: CouponBatch | undefined, code: string, today: string, usedAt: string | undefined): CouponBatch {
  if (!batch) throw new DomainError('coupon.unknown', { code: formatCouponCode(code) });
  if (batch.validUntil !== undefined && today > batch.validUntil) {
    throw new DomainError('coupon.expired', { code: formatCouponCode(code), until: batch.validUntil });
  }
  if (usedAt !== undefined) throw new DomainError('coupon.used', { code: formatCouponCode(code), at: usedAt });
  return batch;
}

export type CouponUseEvent = Pick<LedgerEvent, 'id' | 'kind' | 'voidsId' | 'rewardId' | 'hlc'>;

/** Uses of a code after its first (in HLC order), voided ones left out: one code, one use. */
export function reusedCoupons<E extends CouponUseEvent>(events: readonly E[]): E[] {
  const uses = effectiveEvents(events)
    .filter((e) => e.kind === 'redeem' && couponCodeOf(e.rewardId) !== undefined)
    .sort(byHlc);
  const seen = new Set<string>();
  return uses.filter((use) => {
    const first = !seen.has(use.rewardId!);
    seen.add(use.rewardId!);
    return !first;
  });
}

/**
 * Batches are never edited once made, so two tablets' lists merge by id: a batch made offline on
 * one tablet survives a later settings change from another (settings are otherwise last-writer-wins).
 */
export function unionCouponBatches(a: readonly CouponBatch[], b: readonly CouponBatch[]): CouponBatch[] {
  const byId = new Map(a.map((batch) => [batch.id, batch]));
  for (const batch of b) if (!byId.has(batch.id)) byId.set(batch.id, batch);
  return [...byId.values()].sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : 0));
}
