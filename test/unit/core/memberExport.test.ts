import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, localDate } from '../../../src/core/calendar';
import { isExported, memberExportFileName, memberExportHeader, memberExportRow, MEMBER_EXPORT_HEADERS, type ExportEvent } from '../../../src/core/memberExport';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import type { LoyaltyProgram, Member, MemberSummary } from '../../../src/core/types';

const NOW = '2026-11-23T12:00:00.000Z';
const ago = (days: number) => addDays(NOW, -days);

const member: Member = {
  id: 'm1',
  cardCodes: ['900000000018', '5901234123457'],
  name: '=HYPERLINK("http://evil","click")',
  phoneE164: '+36301234567',
  email: 'eva@example.com',
  consent: { marketing: true, at: ago(200), textVersion: 'marketing-v1' },
  createdAt: ago(200),
  updatedAt: ago(200),
  clock: {},
};

const program: LoyaltyProgram = {
  ...DEFAULT_PROGRAM,
  mode: 'points',
  catalogue: [{ id: 'c', name: 'Coffee', cost: 100 }],
  tiers: [
    { id: 'b', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
    { id: 's', name: 'Silver', threshold: 10_000, multiplierPercent: 150 },
  ],
  pointsExpiry: 'afterEarning',
  pointsExpiryMonths: 3,
};

const event = (id: string, daysAgo: number, fields: Partial<ExportEvent>): ExportEvent => ({ id, kind: 'earn', at: ago(daysAgo), hlc: `${ago(daysAgo)}-${id}`, ...fields });

// 120 points earned 100 days ago have expired (3 months); 50 earned 10 days ago remain; 40 were voided.
const events: ExportEvent[] = [
  event('e1', 100, { points: 120, amountMinor: 12_000, expiresAt: addMonths(ago(100), 3) }),
  event('e2', 10, { points: 50, amountMinor: 5_050, expiresAt: addMonths(ago(10), 3) }),
  event('e3', 5, { points: 40, amountMinor: 4_000, expiresAt: addMonths(ago(5), 3) }),
  event('v3', 5, { kind: 'void', voidsId: 'e3' }),
];
const summary: MemberSummary = { memberId: 'm1', stamps: 0, visits: 2, rewardsRedeemed: 0, points: 170, spendMinor: 17_050, lastVisitAt: ago(10) };

function parse(text: string, delimiter: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: true }).data;
}

describe('a member’s export row', () => {
  it('has every column, balances after expiry, the tier and segment now, neutralised text', () => {
    const format = { delimiter: ';' as const, decimalSeparator: ',', minorDigits: 2 };
    const text = memberExportHeader(format) + memberExportRow(member, summary, events, program, format, NOW);
    const [header, row] = parse(text, ';');
    expect(header).toEqual([...MEMBER_EXPORT_HEADERS]);
    expect(row).toEqual([
      '900000000018 5901234123457',
      `'=HYPERLINK("http://evil","click")`,
      `'+36301234567`,
      'eva@example.com',
      'yes',
      localDate(Date.parse(ago(200))),
      localDate(Date.parse(ago(200))),
      localDate(Date.parse(ago(10))),
      '2',
      '0',
      '50',
      '170,50',
      // 170.50 spent in the tier window of 365 days; Silver needs 100.00.
      'Silver',
      // One visit in the last 90 days, the last 10 days ago.
      'regular',
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes a negative balance as a number, and empty cells for what is not there', () => {
    const bare: Member = { ...member, name: 'Ann', phoneE164: undefined, email: undefined, consent: { marketing: false, at: ago(1), textVersion: 'v' }, createdAt: ago(1) };
    const overdrawn: ExportEvent[] = [event('r', 1, { kind: 'redeem', points: -100 })];
    const format = { delimiter: ',' as const, decimalSeparator: '.', minorDigits: 0 };
    const line = memberExportRow(bare, undefined, overdrawn, { ...program, tiers: [] }, format, NOW);
    expect(line).toBe(`900000000018 5901234123457,Ann,,,no,${localDate(Date.parse(ago(1)))},${localDate(Date.parse(ago(1)))},,0,0,-100,0,,new\r\n`);
  });

  it('leaves out erased members always and non-consenting ones unless asked', () => {
    expect(isExported(member, true)).toBe(true);
    expect(isExported({ ...member, deletedAt: NOW }, false)).toBe(false);
    expect(isExported({ ...member, consent: { ...member.consent, marketing: false } }, true)).toBe(false);
    expect(isExported({ ...member, consent: { ...member.consent, marketing: false } }, false)).toBe(true);
  });

  it('names the file after the shop and the day', () => {
    expect(memberExportFileName('kavezo', Date.parse(NOW))).toBe(`kavezo-members-${localDate(Date.parse(NOW))}.csv`);
  });
});
