import { describe, expect, it } from 'vitest';
import { createRepeatFilter } from '../../../src/scan/repeatFilter';
import { TestClock } from '../../support/dbContext';

describe('camera repeat filter', () => {
  it('lets a code through once, ignores it for 3 s, and lets it through again after', () => {
    const clock = new TestClock();
    const repeats = createRepeatFilter(3000, clock.now);
    expect(repeats.accept('104860000025')).toBe(true);
    clock.advance(2999);
    expect(repeats.accept('104860000025')).toBe(false);
    clock.advance(3000);
    expect(repeats.accept('104860000025')).toBe(true);
  });

  it('keeps ignoring a card left in view, and lets another code through at once', () => {
    const clock = new TestClock();
    const repeats = createRepeatFilter(3000, clock.now);
    expect(repeats.accept('A-1234')).toBe(true);
    for (let frame = 0; frame < 100; frame++) {
      clock.advance(100);
      expect(repeats.accept('A-1234')).toBe(false);
    }
    expect(repeats.accept('B-5678')).toBe(true);
    expect(repeats.accept('A-1234')).toBe(true);
  });
});
