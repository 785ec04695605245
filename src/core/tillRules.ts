import { effectiveEvents, memberBalance, type Balance, type BalanceEvent } from './balance';
import { DomainError } from './errors';
import { isVisit } from './ledger';
import type { CatalogueReward, Iso, LedgerEvent, LoyaltyProgram } from './types';

// The till's rules, as pure checks that throw a DomainError with a code.

const MINUTE_MS = 60_000;

export function assertStampCount(count: number, program: LoyaltyProgram): void {
  if (!Number.isInteger(count) || count < 1 || count > program.maxStampsPerPunch) {
    throw new DomainError('punch.count', { max: program.maxStampsPerPunch });
  }
}

/** Stamps or points a member got since `since` (the till's local midnight), undone ones left out. */
export function earnedSince(events: readonly LedgerEvent[], unit: 'stamps' | 'points', since: Iso): number {
  return effectiveEvents(events)
    .filter((e) => isVisit(e) && e.at >= since)
    .reduce((sum, e) => sum + Math.max(0, e[unit] ?? 0), 0);
}

/** The day's allowance: a member may not get more than `dailyCap` stamps (or points) in one day (0: no cap). */
export function assertWithinDailyCap(earnedToday: number, adding: number, program: LoyaltyProgram): void {
  if (program.dailyCap > 0 && earnedToday + adding > program.dailyCap) {
    throw new DomainError('punch.dailyCap', { cap: program.dailyCap, left: Math.max(0, program.dailyCap - earnedToday) });
  }
}

/** A visit this soon after the last one is probably a double scan: the cashier must confirm. */
export function isWithinCooldown(lastVisitAt: Iso | undefined, nowMs: number, program: LoyaltyProgram): boolean {
  if (!lastVisitAt || program.cooldownMinutes <= 0) return false;
  return nowMs - Date.parse(lastVisitAt) < program.cooldownMinutes * MINUTE_MS;
}

/** A full stamp card (stamps mode). */
export function assertCanRedeemCard(balance: Balance, program: LoyaltyProgram): void {
  if (balance.stamps < program.goal) {
    throw new DomainError('redeem.notEnough', { missing: program.goal - Math.max(0, balance.stamps) });
  }
}

/** Enough points for a catalogue reward (points mode). */
export function assertCanRedeemReward(balance: Balance, reward: CatalogueReward | undefined): CatalogueReward {
  if (!reward) throw new DomainError('redeem.unknownReward');
  if (balance.points < reward.cost) {
    throw new DomainError('redeem.notEnoughPoints', { missing: reward.cost - Math.max(0, balance.points), reward: reward.name });
  }
  return reward;
}

/** Entries a void may cancel: sign-ups and voids themselves stay. */
export const VOIDABLE_KINDS: ReadonlySet<LedgerEvent['kind']> = new Set(['stamp', 'redeem', 'bonus', 'earn', 'adjust']);

/**
 * A void by the owner, at any time: only a voidable event, once, and never one that would leave
 * the member with fewer than zero stamps or points now.
 */
export function assertCanVoid(target: LedgerEvent, memberEvents: readonly (BalanceEvent & Pick<LedgerEvent, 'voidsId'>)[], program: LoyaltyProgram, now: Iso): void {
  if (!VOIDABLE_KINDS.has(target.kind)) throw new DomainError('void.notVoidable');
  if (memberEvents.some((e) => e.kind === 'void' && e.voidsId === target.id)) throw new DomainError('void.alreadyVoided');
  const after = memberBalance(memberEvents.filter((e) => e.id !== target.id), program, now);
  if (after.stamps < 0 || after.points < 0) throw new DomainError('void.wouldGoNegative');
}

/** Undo at the till: a void as above, and only within the undo window (later ones need the owner). */
export function assertCanUndo(target: LedgerEvent, memberEvents: readonly LedgerEvent[], program: LoyaltyProgram, now: Iso): void {
  assertCanVoid(target, memberEvents, program, now);
  if (Date.parse(now) - Date.parse(target.at) > program.undoSeconds * 1000) throw new DomainError('void.windowPassed');
}
