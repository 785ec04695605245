import { effectiveEvents } from './balance';
import { addDays } from './calendar';
import { isVisit } from './ledger';
import type { Iso, LedgerEvent, LoyaltyProgram, TierLevel } from './types';

// A member's tier follows from what they did in the rolling window before a moment: spend (in
// minor units) or visits. More spend or visits never means a lower tier.

export type TierEvent = Pick<LedgerEvent, 'id' | 'kind' | 'voidsId' | 'at' | 'amountMinor'>;
type TierRules = Pick<LoyaltyProgram, 'tierBasis' | 'tierWindowDays' | 'tiers'>;

export interface TierStanding {
  /** Undefined when the program has no tiers. */
  level?: TierLevel;
  metric: number;
  /** The next tier up and how much spend (minor units) or how many visits it still needs. */
  next?: { level: TierLevel; missing: number };
}

/** Spend or visits in the window (now − N days, now]. */
export function tierMetric(events: readonly TierEvent[], rules: TierRules, now: Iso): number {
  const from = addDays(now, -rules.tierWindowDays);
  const inWindow = effectiveEvents(events).filter((e) => isVisit(e) && e.at > from && e.at <= now);
  return rules.tierBasis === 'visits' ? inWindow.length : inWindow.reduce((sum, e) => sum + (e.amountMinor ?? 0), 0);
}

/** The highest tier whose threshold the metric reaches (tiers are kept in ascending order). */
export function tierForMetric(metric: number, levels: readonly TierLevel[]): TierLevel | undefined {
  return levels.findLast((level) => metric >= level.threshold);
}

export function tierStanding(events: readonly TierEvent[], rules: TierRules, now: Iso): TierStanding {
  if (rules.tiers.length === 0) return { metric: 0 };
  const metric = tierMetric(events, rules, now);
  const level = tierForMetric(metric, rules.tiers);
  const nextLevel = rules.tiers.find((candidate) => candidate.threshold > metric);
  return { ...(level ? { level } : {}), metric, ...(nextLevel ? { next: { level: nextLevel, missing: nextLevel.threshold - metric } } : {}) };
}

/** The earning multiplier of a tier (100 % without tiers). */
export function multiplierPercent(standing: TierStanding): number {
  return standing.level?.multiplierPercent ?? 100;
}
