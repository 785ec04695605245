import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programImpact } from '../../../src/core/programImpact';

const balances = fc.array(fc.integer({ min: -5, max: 60 }), { maxLength: 200 });
const goal = fc.integer({ min: 2, max: 50 });

describe('what a new stamp goal does to members now', () => {
  it('counts who gains and who loses a ready reward', () => {
    // 7 stamps: 0 rewards at 10, 1 at 7; 12 stamps: 1 at 10, 1 at 7; 20: 2 at 10, 2 at 7; 14: 1 → 2.
    expect(programImpact([0, 7, 12, 20, 14, -1], { goal: 10 }, { goal: 7 })).toEqual({ gainReward: 2, loseReward: 0 });
    expect(programImpact([9, 10, 25], { goal: 10 }, { goal: 12 })).toEqual({ gainReward: 0, loseReward: 1 }); // 10 loses its reward; 25 keeps two
  });

  it('changes nothing for the same goal, only gains for a smaller one, and mirrors when undone', () => {
    fc.assert(
      fc.property(balances, goal, goal, (stamps, a, b) => {
        expect(programImpact(stamps, { goal: a }, { goal: a })).toEqual({ gainReward: 0, loseReward: 0 });
        const forward = programImpact(stamps, { goal: a }, { goal: b });
        const back = programImpact(stamps, { goal: b }, { goal: a });
        expect(back).toEqual({ gainReward: forward.loseReward, loseReward: forward.gainReward });
        expect(forward.gainReward + forward.loseReward).toBeLessThanOrEqual(stamps.length);
        if (b < a) expect(forward.loseReward).toBe(0);
        if (b > a) expect(forward.gainReward).toBe(0);
      }),
    );
  });
});
