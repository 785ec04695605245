import { DomainError } from './errors';
import type { LedgerEvent, MemberSummary, StampProgram } from './types';

// The till's rules for the stamp card, as pure checks that throw a DomainError with a code.

const MINUTE_MS = 60_000;

export function assertStampCount(count: number, program: StampProgram): void {
  if (!Number.isInteger(count) || count < 1 || count > program.maxStampsPerPunch) {
    throw new DomainError('punch.count', { max: program.maxStampsPerPunch });
  }
}

/** The day's allowance: a member may not get more than `dailyCap` stamps in one day (0: no cap). */
export function assertWithinDailyCap(stampsToday: number, adding: number, program: StampProgram): void {
  if (program.dailyCap > 0 && stampsToday + adding > program.dailyCap) {
    throw new DomainError('punch.dailyCap', { cap: program.dailyCap, left: Math.max(0, program.dailyCap - stampsToday) });
  }
}

/** A punch this soon after the last visit is probably a double scan: the cashier must confirm. */
export function isWithinCooldown(summary: MemberSummary, nowMs: number, program: StampProgram): boolean {
  if (!summary.lastVisitAt || program.cooldownMinutes <= 0) return false;
  return nowMs - Date.parse(summary.lastVisitAt) < program.cooldownMinutes * MINUTE_MS;
}

export function assertCanRedeem(summary: MemberSummary, program: StampProgram): void {
  if (summary.stamps < program.goal) {
    throw new DomainError('redeem.notEnough', { missing: program.goal - summary.stamps });
  }
}

/** Entries a void may cancel: sign-ups and voids themselves stay. */
export const VOIDABLE_KINDS: ReadonlySet<LedgerEvent['kind']> = new Set(['stamp', 'redeem', 'bonus', 'earn', 'adjust']);

/** A void by the owner, at any time: only a voidable event, once, never below zero. */
export function assertCanVoid(target: LedgerEvent, alreadyVoided: boolean, summary: MemberSummary): void {
  if (!VOIDABLE_KINDS.has(target.kind)) throw new DomainError('void.notVoidable');
  if (alreadyVoided) throw new DomainError('void.alreadyVoided');
  if (summary.stamps - (target.stamps ?? 0) < 0) throw new DomainError('void.wouldGoNegative');
}

/** Undo at the till: a void as above, and only within the undo window (later ones need the owner). */
export function assertCanUndo(
  target: LedgerEvent,
  alreadyVoided: boolean,
  summary: MemberSummary,
  nowMs: number,
  program: StampProgram,
): void {
  assertCanVoid(target, alreadyVoided, summary);
  if (nowMs - Date.parse(target.at) > program.undoSeconds * 1000) throw new DomainError('void.windowPassed');
}
