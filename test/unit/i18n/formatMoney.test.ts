import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, formatNumber } from '../../../src/i18n';

// The shop locale is English for now; the amounts are formatted from exact decimal strings.

describe('formatMoney', () => {
  it('writes euros with cents', () => {
    expect(formatMoney(1234, 'EUR')).toBe('€12.34');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
    expect(formatMoney(123_456_789, 'EUR')).toBe('€1,234,567.89');
  });

  it('writes forints whole, as Hungarian shops price', () => {
    expect(formatMoney(1500, 'HUF')).toBe('HUF\u00a01,500');
    expect(formatMoney(0, 'HUF')).toBe('HUF\u00a00');
  });

  it('is exact for the largest amounts a purchase may have', () => {
    expect(formatMoney(999_999_999_999, 'EUR')).toBe('€9,999,999,999.99');
    expect(formatMoney(1_000_000_000_000, 'HUF')).toBe('HUF\u00a01,000,000,000,000');
  });

  it('follows the currency’s own digits otherwise', () => {
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(-250, 'EUR')).toBe('-€2.50');
  });
});

describe('numbers and days', () => {
  it('groups thousands and writes a short day', () => {
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatDay('2026-12-03T12:00:00Z')).toBe('Dec 3');
  });
});
