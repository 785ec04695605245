import { DomainError } from './errors';
import { MAX_AMOUNT_MINOR } from './money';
import type { LoyaltyProgram } from './types';

/** The most points one ledger event may carry (LedgerEventSchema): what one purchase may earn. */
export const MAX_EVENT_POINTS = 1_000_000_000;

type PointsRules = Pick<LoyaltyProgram, 'pointsPer' | 'pointsSpendUnitMinor' | 'pointsRounding'>;

/**
 * Points a purchase earns: amount × points per unit × tier multiplier, rounded once at the end
 * (down, or half up), computed on exact integers.
 */
export function pointsForAmount(amountMinor: number, rules: PointsRules, multiplierPercent = 100): number {
  const numerator = BigInt(amountMinor) * BigInt(rules.pointsPer) * BigInt(multiplierPercent);
  const denominator = BigInt(rules.pointsSpendUnitMinor) * 100n;
  const whole = numerator / denominator;
  const roundUp = rules.pointsRounding === 'nearest' && 2n * (numerator % denominator) >= denominator;
  return Number(roundUp ? whole + 1n : whole);
}

/** A purchase amount the till accepts: whole minor units, above zero, within the owner's limit. */
export function assertPurchaseAmount(amountMinor: number, program: Pick<LoyaltyProgram, 'maxPurchaseMinor'>): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new DomainError('purchase.amount');
  if (amountMinor > Math.min(program.maxPurchaseMinor, MAX_AMOUNT_MINOR)) {
    throw new DomainError('purchase.tooLarge');
  }
}
