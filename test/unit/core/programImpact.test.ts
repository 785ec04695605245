import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesRewards, programImpact, type HeldBalance } from '../../../src/core/programImpact';
import type { CatalogueReward } from '../../../src/core/types';

const stampCard = (goal: number) => ({ mode: 'stamps' as const, goal, catalogue: [] });
const points = (...costs: number[]) => ({ mode: 'points' as const, goal: 10, catalogue: costs.map((cost, i): CatalogueReward => ({ id: `r${i}`, name: `Reward ${i}`, cost })) });
const holding = (stamps: number[]): HeldBalance[] => stamps.map((n) => ({ stamps: n, points: 0 }));

const balances = fc.array(fc.integer({ min: -5, max: 60 }), { maxLength: 200 });
const goal = fc.integer({ min: 2, max: 50 });

describe('what a new stamp goal does to members now', () => {
  it('counts who gains and who loses a ready reward', () => {
    // 7 stamps: 0 rewards at 10, 1 at 7; 12 stamps: 1 at 10, 1 at 7; 20: 2 at 10, 2 at 7; 14: 1 → 2.
    expect(programImpact(holding([0, 7, 12, 20, 14, -1]), stampCard(10), stampCard(7))).toEqual({ gainReward: 2, loseReward: 0 });
    expect(programImpact(holding([9, 10, 25]), stampCard(10), stampCard(12))).toEqual({ gainReward: 0, loseReward: 1 }); // 10 loses its reward; 25 keeps two
  });

  it('changes nothing for the same goal, only gains for a smaller one, and mirrors when undone', () => {
    fc.assert(
      fc.property(balances, goal, goal, (stamps, a, b) => {
        const held = holding(stamps);
        expect(programImpact(held, stampCard(a), stampCard(a))).toEqual({ gainReward: 0, loseReward: 0 });
        const forward = programImpact(held, stampCard(a), stampCard(b));
        const back = programImpact(held, stampCard(b), stampCard(a));
        expect(back).toEqual({ gainReward: forward.loseReward, loseReward: forward.gainReward });
        expect(forward.gainReward + forward.loseReward).toBeLessThanOrEqual(stamps.length);
        if (b < a) expect(forward.loseReward).toBe(0);
        if (b > a) expect(forward.gainReward).toBe(0);
      }),
    );
  });
});

describe('what a new catalogue or kind of program does to members now', () => {
  it('counts members who can afford more or fewer rewards', () => {
    const members = [
      { stamps: 0, points: 40 },
      { stamps: 0, points: 55 },
      { stamps: 0, points: 130 },
    ];
    // The drink from 50 to 40 points: 40 gains it; 55 and 130 keep what they had.
    expect(programImpact(members, points(50, 120), points(40, 120))).toEqual({ gainReward: 1, loseReward: 0 });
    // The cake from 120 to 150: 130 loses it.
    expect(programImpact(members, points(50, 120), points(50, 150))).toEqual({ gainReward: 0, loseReward: 1 });
  });

  it('shows that switching from stamps to points takes ready cards away, and the other way round', () => {
    const members = [
      { stamps: 10, points: 0 },
      { stamps: 3, points: 80 },
    ];
    expect(programImpact(members, stampCard(10), points(50))).toEqual({ gainReward: 1, loseReward: 1 });
  });

  it('asks for a preview only when rewards can appear or disappear', () => {
    expect(changesRewards(stampCard(10), stampCard(10))).toBe(false);
    expect(changesRewards(stampCard(10), stampCard(8))).toBe(true);
    expect(changesRewards(stampCard(10), points(50))).toBe(true);
    expect(changesRewards(points(50, 120), points(120, 50))).toBe(false);
    expect(changesRewards(points(50, 120), points(50, 100))).toBe(true);
  });
});
