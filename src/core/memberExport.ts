import { memberBalance, type BalanceEvent } from './balance';
import { localDate } from './calendar';
import { csvHeaderRow, csvInteger, csvMoney, csvRow, type CsvCell, type CsvDelimiter } from './csv';
import { segmentCutoffs, segmentOfMember, DEFAULT_SEGMENT_RULES, type Segment, type SegmentRules } from './segments';
import { tierStanding, type TierEvent } from './tiers';
import type { Iso, LoyaltyProgram, Member, MemberSummary } from './types';

// One CSV row per member for the owner's export: who they are, their consent, and where they stand
// now (balances after expiry, tier, segment). Headers and values are fixed English words, so the
// import can recognise the file whatever the shop's language. Dates are ISO 8601 calendar dates
// (YYYY-MM-DD) of the tablet's own day, the day the owner thinks in: every spreadsheet reads them
// as dates in any language, where a UTC time stamp would put a late-evening visit on the next day.

export const MEMBER_EXPORT_HEADERS = [
  'Card numbers',
  'Name',
  'Phone',
  'Email',
  'Marketing consent',
  'Consent date',
  'Joined',
  'Last visit',
  'Visits',
  'Stamps',
  'Points',
  'Total spend',
  'Tier',
  'Segment',
] as const;

export const SEGMENT_LABELS: Record<Segment, string> = { new: 'new', loyal: 'loyal', atRisk: 'at risk', lapsed: 'lapsed', regular: 'regular' };

export interface MemberExportFormat {
  delimiter: CsvDelimiter;
  decimalSeparator: string;
  /** Digits after the decimal separator of the shop's currency. */
  minorDigits: number;
}

export type ExportEvent = BalanceEvent & TierEvent;

/** Whether a member belongs in an export: never when erased; only consenting ones unless asked otherwise. */
export function isExported(member: Pick<Member, 'deletedAt' | 'consent'>, consentingOnly: boolean): boolean {
  return member.deletedAt === undefined && (!consentingOnly || member.consent.marketing);
}

/** Builds rows for one export: the moments and formats every row shares are worked out once. */
export function memberExportRows(program: LoyaltyProgram, format: MemberExportFormat, now: Iso, segmentRules: SegmentRules = DEFAULT_SEGMENT_RULES) {
  const cutoffs = segmentCutoffs(now, segmentRules);
  // Calendar days of instants, by minute (every time zone offset is whole minutes); cleared now
  // and then so that it stays small.
  const days = new Map<string, string>();
  const day = (iso: Iso | undefined): CsvCell => {
    if (!iso) return undefined;
    const key = iso.slice(0, 16);
    let text = days.get(key);
    if (text === undefined) {
      if (days.size > 5_000) days.clear();
      text = localDate(Date.parse(iso));
      days.set(key, text);
    }
    return { text };
  };

  /** The cells of a member's row, in the order of MEMBER_EXPORT_HEADERS. */
  function cells(member: Member, summary: MemberSummary | undefined, events: readonly ExportEvent[]): CsvCell[] {
    const balance = memberBalance(events, program, now);
    const tier = program.tiers.length ? tierStanding(events, program, now).level : undefined;
    const segment = segmentOfMember(member.createdAt, summary?.lastVisitAt, events, cutoffs);
    return [
      { text: member.cardCodes.join(' ') },
      { text: member.name },
      { text: member.phoneE164 ?? '' },
      { text: member.email ?? '' },
      { text: member.consent.marketing ? 'yes' : 'no' },
      day(member.consent.at),
      day(member.createdAt),
      day(summary?.lastVisitAt),
      csvInteger(summary?.visits ?? 0),
      csvInteger(balance.stamps),
      csvInteger(balance.points),
      csvMoney(summary?.spendMinor ?? 0, format.minorDigits, format.decimalSeparator),
      { text: tier?.name ?? '' },
      { text: SEGMENT_LABELS[segment] },
    ];
  }

  return {
    header: () => csvHeaderRow(MEMBER_EXPORT_HEADERS, format.delimiter),
    cells,
    row: (member: Member, summary: MemberSummary | undefined, events: readonly ExportEvent[]) => csvRow(cells(member, summary, events), format.delimiter),
  };
}

export function memberExportHeader(format: MemberExportFormat): string {
  return csvHeaderRow(MEMBER_EXPORT_HEADERS, format.delimiter);
}

/** One member's row (for one member; an export of many uses memberExportRows once). */
export function memberExportRow(
  member: Member,
  summary: MemberSummary | undefined,
  events: readonly ExportEvent[],
  program: LoyaltyProgram,
  format: MemberExportFormat,
  now: Iso,
): string {
  return memberExportRows(program, format, now).row(member, summary, events);
}

/** "<shop>-members-YYYY-MM-DD.csv", safe characters only. */
export function memberExportFileName(shopSlug: string, nowMs: number): string {
  return `${shopSlug}-members-${localDate(nowMs)}.csv`;
}
