import { effectiveEvents, memberBalance } from '../core/balance';
import { localDate, localMidnight } from '../core/calendar';
import { assertCouponUsable, couponRewardId, findCouponBatch } from '../core/coupons';
import { DomainError } from '../core/errors';
import { assertPurchaseAmount, pointsForAmount } from '../core/points';
import { memberStanding, type MemberStanding } from '../core/standing';
import { multiplierPercent, tierStanding } from '../core/tiers';
import {
  assertCanRedeemCard,
  assertCanRedeemReward,
  assertCanUndo,
  assertCanVoid,
  assertStampCount,
  assertWithinDailyCap,
  earnedSince,
  isWithinCooldown,
} from '../core/tillRules';
import type { CouponBatch, Iso, LedgerEvent, LoyaltyProgram, MemberSummary, TierLevel } from '../core/types';
import { isoAt, type DbContext } from './context';
import type { MemberRow } from './database';
import { appendEvent, ledgerTables, memberEvents, requireLiveMember, summaryOf, withTheirVoids, type NewEvent } from './ledgerRepository';
import { getProgram } from './settingsRepository';

// What the cashier records at the till: punches, purchases, redemptions, coupons and undo. Each is
// one transaction that checks the program's rules against the member's ledger and appends.

/** What the till shows about a member now: balances after expiry, tier, rewards, what expires soon. */
export async function getMemberStanding(ctx: DbContext, memberId: string): Promise<MemberStanding> {
  const [program, events] = await Promise.all([getProgram(ctx), memberEvents(ctx, memberId)]);
  return memberStanding(events, program, isoAt(ctx.now()));
}

/** What the till shows after a write: the event, the new balance, and whose it is. */
export interface LedgerWrite {
  event: LedgerEvent;
  summary: MemberSummary;
  memberName: string;
}

/** A member's ledger as one write sees it, inside its transaction. */
interface MemberLedger {
  program: LoyaltyProgram;
  member: MemberRow;
  summary: MemberSummary;
  events: LedgerEvent[];
  now: Iso;
}

async function openMemberLedger(ctx: DbContext, memberId: string): Promise<MemberLedger> {
  const [program, member, summary, events] = await Promise.all([
    getProgram(ctx),
    requireLiveMember(ctx, memberId),
    summaryOf(ctx, memberId),
    memberEvents(ctx, memberId),
  ]);
  return { program, member, summary, events, now: isoAt(ctx.now()) };
}

function inLedgerTransaction<T>(ctx: DbContext, memberId: string, work: (ledger: MemberLedger) => Promise<T>): Promise<T> {
  return ctx.db.transaction('rw', ledgerTables(ctx), async () => work(await openMemberLedger(ctx, memberId)));
}

async function append(ctx: DbContext, ledger: MemberLedger, draft: Omit<NewEvent, 'memberId'>): Promise<LedgerWrite> {
  const written = await appendEvent(ctx, ledger.program, ledger.summary, { memberId: ledger.member.id, ...draft });
  return { ...written, memberName: ledger.member.name };
}

function requireMode(program: LoyaltyProgram, mode: LoyaltyProgram['mode']): void {
  // Another tablet may have switched the program since this screen was drawn.
  if (program.mode !== mode) throw new DomainError('purchase.wrongMode');
}

/** The cashier confirmed a visit inside the cooldown window (a double scan is unlikely). */
interface VisitRequest {
  memberId: string;
  confirmedDespiteCooldown?: boolean;
}

function assertVisitAllowed(ledger: MemberLedger, request: VisitRequest, adding: number, unit: 'stamps' | 'points', nowMs: number): void {
  const { program, events, summary } = ledger;
  if (program.dailyCap > 0) assertWithinDailyCap(earnedSince(events, unit, localMidnight(nowMs)), adding, program);
  if (!request.confirmedDespiteCooldown && isWithinCooldown(summary.lastVisitAt, nowMs, program)) {
    throw new DomainError('punch.cooldown', { minutes: program.cooldownMinutes });
  }
}

export interface PunchRequest extends VisitRequest {
  stamps: number;
}

export function recordPunch(ctx: DbContext, request: PunchRequest): Promise<LedgerWrite> {
  return inLedgerTransaction(ctx, request.memberId, async (ledger) => {
    requireMode(ledger.program, 'stamps');
    assertStampCount(request.stamps, ledger.program);
    assertVisitAllowed(ledger, request, request.stamps, 'stamps', ctx.now());
    return append(ctx, ledger, { kind: 'stamp', stamps: request.stamps });
  });
}

export interface PurchaseRequest extends VisitRequest {
  amountMinor: number;
}

export interface PurchaseWrite extends LedgerWrite {
  tierBefore?: TierLevel;
  tierAfter?: TierLevel;
}

/** Points for an amount spent, at the rate of the member's tier before this purchase. */
export function recordPurchase(ctx: DbContext, request: PurchaseRequest): Promise<PurchaseWrite> {
  return inLedgerTransaction(ctx, request.memberId, async (ledger) => {
    const { program, events, now } = ledger;
    requireMode(program, 'points');
    assertPurchaseAmount(request.amountMinor, program);
    const tierBefore = tierStanding(events, program, now);
    const points = pointsForAmount(request.amountMinor, program, multiplierPercent(tierBefore));
    assertVisitAllowed(ledger, request, points, 'points', ctx.now());
    const written = await append(ctx, ledger, { kind: 'earn', points, amountMinor: request.amountMinor });
    // At the purchase's own time: `now` was read before it, and the window ends at its moment.
    const tierAfter = tierStanding([...events, written.event], program, written.event.at);
    return { ...written, ...(tierBefore.level ? { tierBefore: tierBefore.level } : {}), ...(tierAfter.level ? { tierAfter: tierAfter.level } : {}) };
  });
}

/** A full stamp card, or (points mode) the catalogue reward `rewardId`. */
export function redeemReward(ctx: DbContext, memberId: string, rewardId?: string): Promise<LedgerWrite> {
  return inLedgerTransaction(ctx, memberId, async (ledger) => {
    const { program, events, now } = ledger;
    const balance = memberBalance(events, program, now);
    if (program.mode === 'stamps') {
      assertCanRedeemCard(balance, program);
      return append(ctx, ledger, { kind: 'redeem', stamps: -program.goal, reason: program.rewardName });
    }
    const reward = assertCanRedeemReward(balance, program.catalogue.find((candidate) => candidate.id === rewardId));
    return append(ctx, ledger, { kind: 'redeem', points: -reward.cost, rewardId: reward.id, reason: reward.name });
  });
}

export interface CouponWrite extends LedgerWrite {
  batch: CouponBatch;
}

/** When this tablet knows the coupon was used (not voided), if it was. */
async function couponUsedAt(ctx: DbContext, code: string): Promise<Iso | undefined> {
  const uses = await ctx.db.events.where('rewardId').equals(couponRewardId(code)).toArray();
  return effectiveEvents(await withTheirVoids(ctx, uses)).map((use) => use.at).sort()[0];
}

/** A campaign coupon (code in its stored form) brought by this member: accepted once, ever. */
export function redeemCoupon(ctx: DbContext, memberId: string, code: string): Promise<CouponWrite> {
  return inLedgerTransaction(ctx, memberId, async (ledger) => {
    const batch = assertCouponUsable(findCouponBatch(ledger.program, code), code, localDate(ctx.now()), await couponUsedAt(ctx, code));
    const written = await append(ctx, ledger, { kind: 'redeem', rewardId: couponRewardId(code), reason: batch.name });
    return { ...written, batch };
  });
}

/**
 * Records a void event for an earlier entry; nothing is ever deleted. The till's undo works only
 * within the undo window; the owner (`by: 'owner'`, behind the PIN) may void an entry at any time.
 */
export async function voidEntry(ctx: DbContext, eventId: string, by: 'till' | 'owner' = 'till') {
  const target = await ctx.db.events.get(eventId);
  if (!target) throw new DomainError('void.notFound');
  return ctx.db.transaction('rw', ledgerTables(ctx), async () => {
    const program = await getProgram(ctx);
    const [summary, events] = await Promise.all([summaryOf(ctx, target.memberId), memberEvents(ctx, target.memberId)]);
    const now = isoAt(ctx.now());
    if (by === 'owner') assertCanVoid(target, events, program, now);
    else assertCanUndo(target, events, program, now);
    const draft: NewEvent = { memberId: target.memberId, kind: 'void', voidsId: target.id, ...(by === 'owner' ? { reason: 'owner' } : {}) };
    return appendEvent(ctx, program, summary, draft, target);
  });
}
