import { rewardsReady } from './ledger';
import type { LoyaltyProgram } from './types';

// What a program change does to the members who hold stamps or points now: balances stay as
// earned, so a smaller card or a cheaper reward can make a reward available at once, and a larger
// card, a dearer reward or a switch between stamps and points can take one away.

export interface ProgramImpact {
  /** Members with more rewards available under the new program than now. */
  gainReward: number;
  /** Members with fewer rewards available under the new program than now. */
  loseReward: number;
}

type RewardRules = Pick<LoyaltyProgram, 'mode' | 'goal' | 'catalogue'>;

export interface HeldBalance {
  stamps: number;
  points: number;
}

/** Full stamp cards (stamps), or the catalogue rewards the points pay for (points). */
export function rewardsAvailable(balance: HeldBalance, program: RewardRules): number {
  if (program.mode === 'stamps') return rewardsReady(balance.stamps, program.goal);
  return program.catalogue.filter((reward) => reward.cost <= balance.points).length;
}

/** Whether a change can make rewards appear or disappear (what the preview is for). */
export function changesRewards(current: RewardRules, next: RewardRules): boolean {
  if (current.mode !== next.mode) return true;
  if (next.mode === 'stamps') return current.goal !== next.goal;
  return JSON.stringify(current.catalogue.map((r) => r.cost).sort((a, b) => a - b)) !== JSON.stringify(next.catalogue.map((r) => r.cost).sort((a, b) => a - b));
}

export function programImpact(balances: Iterable<HeldBalance>, current: RewardRules, next: RewardRules): ProgramImpact {
  const impact: ProgramImpact = { gainReward: 0, loseReward: 0 };
  for (const balance of balances) {
    const before = rewardsAvailable(balance, current);
    const after = rewardsAvailable(balance, next);
    if (after > before) impact.gainReward += 1;
    else if (after < before) impact.loseReward += 1;
  }
  return impact;
}
