import { memberBalance, type Balance, type BalanceEvent, type ExpiringAmount } from './balance';
import { addDays } from './calendar';
import { stampCardView, type StampCardView } from './ledger';
import { tierStanding, type TierEvent, type TierStanding } from './tiers';
import type { CatalogueReward, Iso, LoyaltyProgram } from './types';

// What the till shows about a member at a glance, computed from their events at a moment.

export interface MemberStanding {
  balance: Balance;
  tier: TierStanding;
  /** The stamp card (stamps mode). */
  card: StampCardView;
  /** Catalogue rewards the points pay for now (points mode). */
  affordable: CatalogueReward[];
  /** The next expiry within the warning window, if any. */
  expiresSoon?: ExpiringAmount;
}

/** How far ahead the till warns that stamps or points are about to expire. */
export const EXPIRY_WARNING_DAYS = 30;

export function memberStanding(events: readonly (BalanceEvent & TierEvent)[], program: LoyaltyProgram, now: Iso): MemberStanding {
  const balance = memberBalance(events, program, now);
  const unit = program.mode === 'points' ? 'points' : 'stamps';
  const horizon = addDays(now, EXPIRY_WARNING_DAYS);
  const expiresSoon = balance.expiring.find((item) => item.unit === unit && item.at <= horizon);
  return {
    balance,
    tier: tierStanding(events, program, now),
    card: stampCardView(balance.stamps, program),
    affordable: program.catalogue.filter((reward) => reward.cost <= balance.points),
    ...(expiresSoon ? { expiresSoon } : {}),
  };
}
