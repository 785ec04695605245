import { rewardsReady } from './ledger';
import type { StampProgram } from './types';

// What a new stamp card does to the members who hold stamps now: stamps stay as earned, so a
// smaller goal can make a reward ready at once and a larger one can take a ready reward away.

export interface ProgramImpact {
  /** Members with more rewards ready under the new program than now. */
  gainReward: number;
  /** Members with fewer rewards ready under the new program than now. */
  loseReward: number;
}

export function programImpact(stampBalances: Iterable<number>, current: Pick<StampProgram, 'goal'>, next: Pick<StampProgram, 'goal'>): ProgramImpact {
  const impact: ProgramImpact = { gainReward: 0, loseReward: 0 };
  for (const stamps of stampBalances) {
    const before = rewardsReady(stamps, current.goal);
    const after = rewardsReady(stamps, next.goal);
    if (after > before) impact.gainReward += 1;
    else if (after < before) impact.loseReward += 1;
  }
  return impact;
}
