import { addDays, addMonths } from './calendar';
import { byHlc } from './hlc';
import type { Iso, LedgerEvent, LoyaltyProgram } from './types';

// A member's stamps and points at a moment, with expiry, folded from their events. Expiry is never
// written down: it follows from the events (each earning carries its `expiresAt`) and the time,
// so every tablet and the server compute the same balance from the same events.

export type BalanceEvent = Pick<LedgerEvent, 'id' | 'kind' | 'stamps' | 'points' | 'voidsId' | 'hlc' | 'at' | 'expiresAt'>;
export type ExpiryRules = Pick<LoyaltyProgram, 'pointsExpiry' | 'pointsExpiryMonths'>;
export type BalanceUnit = 'stamps' | 'points';

export interface ExpiringAmount {
  unit: BalanceUnit;
  amount: number;
  at: Iso;
}

export interface Balance {
  stamps: number;
  points: number;
  /** What is left of each earning that will expire, soonest first. */
  expiring: ExpiringAmount[];
  /** Redemptions that spent more than there was (two tablets offline), in the order they happened. */
  overdrawn: string[];
}

interface Lot {
  remaining: number;
  expiresAt?: Iso;
}

/** One unit's earnings, oldest first; `debt` is what was spent beyond them (only after an overdraft). */
class Purse {
  lots: Lot[] = [];
  debt = 0;

  add(amount: number, expiresAt: Iso | undefined): void {
    const repaid = Math.min(amount, this.debt);
    this.debt -= repaid;
    if (amount > repaid) this.lots.push({ remaining: amount - repaid, ...(expiresAt ? { expiresAt } : {}) });
  }

  /** Spends the oldest earnings first; false when there was not enough. */
  spend(amount: number): boolean {
    let left = amount;
    for (const lot of this.lots) {
      const used = Math.min(lot.remaining, left);
      lot.remaining -= used;
      left -= used;
      if (left === 0) break;
    }
    this.lots = this.lots.filter((lot) => lot.remaining > 0);
    this.debt += left;
    return left === 0;
  }

  expireUntil(at: Iso): void {
    this.lots = this.lots.filter((lot) => lot.expiresAt === undefined || lot.expiresAt > at);
  }

  expireAll(): void {
    this.lots = [];
  }

  total(): number {
    return this.lots.reduce((sum, lot) => sum + lot.remaining, 0) - this.debt;
  }
}

/** Events that count: not voids, not voided. */
export function effectiveEvents<E extends Pick<LedgerEvent, 'id' | 'kind' | 'voidsId'>>(events: readonly E[]): E[] {
  const voided = new Set(events.filter((e) => e.kind === 'void').map((e) => e.voidsId));
  return events.filter((event) => event.kind !== 'void' && !voided.has(event.id));
}

export function memberBalance(events: readonly BalanceEvent[], rules: ExpiryRules, now: Iso): Balance {
  const purses: Record<BalanceUnit, Purse> = { stamps: new Purse(), points: new Purse() };
  const overdrawn: string[] = [];
  let lastActivity: Iso | undefined;
  const inactivityDeadline = () =>
    rules.pointsExpiry === 'afterInactivity' && lastActivity !== undefined ? addMonths(lastActivity, rules.pointsExpiryMonths) : undefined;
  const expireUntil = (at: Iso) => {
    purses.stamps.expireUntil(at);
    purses.points.expireUntil(at);
    const deadline = inactivityDeadline();
    if (deadline !== undefined && deadline <= at) purses.points.expireAll();
  };

  for (const event of effectiveEvents(events).sort(byHlc)) {
    expireUntil(event.at);
    let enough = true;
    for (const unit of ['stamps', 'points'] as const) {
      const change = event[unit] ?? 0;
      if (change > 0) purses[unit].add(change, event.expiresAt);
      else if (change < 0) enough = purses[unit].spend(-change) && enough;
    }
    if (!enough && event.kind === 'redeem') overdrawn.push(event.id);
    // Anything recorded at the till (a purchase, a redemption, a bonus) is a visit that keeps points alive.
    if (lastActivity === undefined || event.at > lastActivity) lastActivity = event.at;
  }
  expireUntil(now);

  // Under the inactivity rule every point left goes at one deadline (or sooner, by its own date).
  const deadline = inactivityDeadline();
  const expiryOf = (unit: BalanceUnit, lot: Lot) =>
    unit === 'points' && deadline !== undefined && (lot.expiresAt === undefined || lot.expiresAt > deadline) ? deadline : lot.expiresAt;
  const expiring: ExpiringAmount[] = (['stamps', 'points'] as const).flatMap((unit) =>
    purses[unit].lots.flatMap((lot) => {
      const at = expiryOf(unit, lot);
      return at === undefined ? [] : [{ unit, amount: lot.remaining, at }];
    }),
  );
  return {
    stamps: purses.stamps.total(),
    points: purses.points.total(),
    expiring: mergeSameMoment(expiring.sort(bySoonestThenUnit)),
    overdrawn,
  };
}

function bySoonestThenUnit(a: ExpiringAmount, b: ExpiringAmount): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0;
}

/** Lots of one unit expiring at the same moment are one line for the cashier. */
function mergeSameMoment(sorted: ExpiringAmount[]): ExpiringAmount[] {
  const merged: ExpiringAmount[] = [];
  for (const item of sorted) {
    const last = merged.at(-1);
    if (last && last.unit === item.unit && last.at === item.at) last.amount += item.amount;
    else merged.push({ ...item });
  }
  return merged;
}

/** When what an event earns expires, under the program it is earned under (undefined: never). */
export function earningExpiry(event: Pick<LedgerEvent, 'stamps' | 'points'>, program: LoyaltyProgram, at: Iso): Iso | undefined {
  if ((event.points ?? 0) > 0 && program.pointsExpiry === 'afterEarning') return addMonths(at, program.pointsExpiryMonths);
  if ((event.stamps ?? 0) > 0 && program.stampExpiryDays > 0) return addDays(at, program.stampExpiryDays);
  return undefined;
}
