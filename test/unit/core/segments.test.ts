import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/calendar';
import { memberSegment, visitsWithin, type SegmentEvent } from '../../../src/core/segments';

const NOW = '2026-11-23T12:00:00.000Z';
const ago = (days: number) => addDays(NOW, -days);

describe('member segments (PRODUCT.md defaults)', () => {
  it('new: joined in the last 30 days, whatever the visits', () => {
    expect(memberSegment({ joinedAt: ago(0), recentVisits: 0 }, NOW)).toBe('new');
    expect(memberSegment({ joinedAt: ago(29), lastVisitAt: ago(1), recentVisits: 9 }, NOW)).toBe('new');
    expect(memberSegment({ joinedAt: ago(30), lastVisitAt: ago(1), recentVisits: 1 }, NOW)).toBe('regular');
  });

  it('loyal: at least 4 visits in the last 90 days', () => {
    expect(memberSegment({ joinedAt: ago(200), lastVisitAt: ago(2), recentVisits: 4 }, NOW)).toBe('loyal');
    expect(memberSegment({ joinedAt: ago(200), lastVisitAt: ago(2), recentVisits: 3 }, NOW)).toBe('regular');
  });

  it('at risk after 60 days without a visit, lapsed after 90', () => {
    expect(memberSegment({ joinedAt: ago(400), lastVisitAt: ago(59), recentVisits: 4 }, NOW)).toBe('loyal');
    expect(memberSegment({ joinedAt: ago(400), lastVisitAt: ago(60), recentVisits: 4 }, NOW)).toBe('atRisk');
    expect(memberSegment({ joinedAt: ago(400), lastVisitAt: ago(89), recentVisits: 1 }, NOW)).toBe('atRisk');
    expect(memberSegment({ joinedAt: ago(400), lastVisitAt: ago(90), recentVisits: 0 }, NOW)).toBe('lapsed');
    // Never visited since joining long ago: joining is the last contact.
    expect(memberSegment({ joinedAt: ago(120), recentVisits: 0 }, NOW)).toBe('lapsed');
    expect(memberSegment({ joinedAt: ago(70), recentVisits: 0 }, NOW)).toBe('atRisk');
  });

  it('takes adjusted thresholds', () => {
    const rules = { newDays: 7, loyalVisits: 2, loyalWindowDays: 30, atRiskDays: 20, lapsedDays: 40 };
    expect(memberSegment({ joinedAt: ago(10), lastVisitAt: ago(1), recentVisits: 2 }, NOW, rules)).toBe('loyal');
    expect(memberSegment({ joinedAt: ago(100), lastVisitAt: ago(25), recentVisits: 0 }, NOW, rules)).toBe('atRisk');
  });

  it('counts visits in the window, without voided ones', () => {
    const events: SegmentEvent[] = [
      { id: 'a', kind: 'stamp', at: ago(1) },
      { id: 'b', kind: 'earn', at: ago(89) },
      { id: 'c', kind: 'stamp', at: ago(91) },
      { id: 'd', kind: 'stamp', at: ago(3) },
      { id: 'v', kind: 'void', voidsId: 'd', at: ago(3) },
      { id: 'e', kind: 'redeem', at: ago(2) },
      { id: 'f', kind: 'enroll', at: ago(2) },
    ];
    expect(visitsWithin(events, 90, NOW)).toBe(2);
  });
});
