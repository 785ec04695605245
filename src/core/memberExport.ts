import { memberBalance, type BalanceEvent } from './balance';
import { addDays, localDate } from './calendar';
import { isListed } from './memberList';
import { csvHeaderRow, csvInteger, csvMoney, csvRow, type CsvCell, type CsvDelimiter } from './csv';
import { segmentAt, segmentCutoffs, segmentOfMember, DEFAULT_SEGMENT_RULES, type Segment, type SegmentRules } from './segments';
import { tierForMetric, tierStanding, type TierEvent } from './tiers';
import type { Iso, LoyaltyProgram, Member, MemberSummary, TierLevel } from './types';

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
export function isExported(member: Pick<Member, 'deletedAt' | 'mergedInto' | 'consent'>, consentingOnly: boolean): boolean {
  return isListed(member) && (!consentingOnly || member.consent.marketing);
}

/** Where a member stands now: balances after expiry, tier (none without tiers) and segment. */
export interface MemberStandingFacts {
  stamps: number;
  points: number;
  tier?: TierLevel;
  segment: Segment;
}

/**
 * Works out members' standing at `now` (the export's rows, the owner's members list): the moments
 * every member shares are worked out once.
 */
export function memberStandingAt(program: LoyaltyProgram, now: Iso, segmentRules: SegmentRules = DEFAULT_SEGMENT_RULES) {
  const cutoffs = segmentCutoffs(now, segmentRules);
  return (member: Pick<Member, 'createdAt'>, summary: MemberSummary | undefined, events: readonly ExportEvent[]): MemberStandingFacts => {
    const balance = memberBalance(events, program, now);
    const tier = program.tiers.length ? tierStanding(events, program, now).level : undefined;
    const segment = segmentOfMember(member.createdAt, summary?.lastVisitAt, events, cutoffs);
    return { stamps: balance.stamps, points: balance.points, ...(tier ? { tier } : {}), segment };
  };
}

/**
 * Visits (not voided) in (from, to] among the times a summary keeps (`latestVisits`): `exact`, or
 * else at least `count` (visits it left out could fall in the window too). Undefined: none kept.
 */
function keptVisitsWithin(summary: MemberSummary, from: Iso, to: Iso): { count: number; exact: boolean } | undefined {
  const latest = summary.latestVisits;
  if (!latest) return undefined;
  let count = 0;
  for (const at of latest) {
    if (at <= from) return { count, exact: true };
    if (at <= to) count++;
  }
  return { count, exact: latest.length >= summary.visits };
}

/**
 * The same standing as `memberStandingAt`, from the summary row alone, or undefined when only the
 * ledger can tell: earnings that expire (or points lapsing after inactivity), spend in the tier
 * window, recent visits beyond the kept ones, no summary, or one written before these fields.
 * Equal to the fold of the events whenever it answers (test/unit/core/summaryStanding.test.ts).
 */
export function memberStandingFromSummary(program: LoyaltyProgram, now: Iso, segmentRules: SegmentRules = DEFAULT_SEGMENT_RULES) {
  const cutoffs = segmentCutoffs(now, segmentRules);
  const tierFrom = addDays(now, -program.tierWindowDays);
  const inactivityExpiry = program.pointsExpiry === 'afterInactivity';
  return (member: Pick<Member, 'createdAt'>, summary: MemberSummary | undefined): MemberStandingFacts | undefined => {
    // Without expiring earnings, a balance is the sum of its changes: the summary's.
    if (!summary || summary.expiringEarnings !== 0 || inactivityExpiry) return undefined;
    let tier: TierLevel | undefined;
    if (program.tiers.length) {
      let metric: number;
      if (summary.lastVisitAt === undefined || summary.lastVisitAt <= tierFrom) metric = 0;
      else if (program.tierBasis === 'visits') {
        const kept = keptVisitsWithin(summary, tierFrom, now);
        if (!kept?.exact) return undefined;
        metric = kept.count;
      } else return undefined;
      tier = tierForMetric(metric, program.tiers);
    }
    const kept = keptVisitsWithin(summary, cutoffs.loyalFrom, now);
    if (!kept) return undefined;
    const { lastVisitAt } = summary;
    const segment = segmentAt({ joinedAt: member.createdAt, ...(lastVisitAt ? { lastVisitAt } : {}), recentVisits: kept.count }, cutoffs);
    // With more visits possibly in the window, only "regular" could still turn out "loyal".
    if (!kept.exact && segment === 'regular') return undefined;
    return { stamps: summary.stamps, points: summary.points, ...(tier ? { tier } : {}), segment };
  };
}

/** Builds rows for one export: the moments and formats every row shares are worked out once. */
export function memberExportRows(program: LoyaltyProgram, format: MemberExportFormat, now: Iso, segmentRules: SegmentRules = DEFAULT_SEGMENT_RULES) {
  const standing = memberStandingAt(program, now, segmentRules);
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
    return cellsWith(member, summary, standing(member, summary, events));
  }

  /** The same cells with the standing worked out already (from the summary, where it can tell). */
  function cellsWith(member: Member, summary: MemberSummary | undefined, { stamps, points, tier, segment }: MemberStandingFacts): CsvCell[] {
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
      csvInteger(stamps),
      csvInteger(points),
      csvMoney(summary?.spendMinor ?? 0, format.minorDigits, format.decimalSeparator),
      { text: tier?.name ?? '' },
      { text: SEGMENT_LABELS[segment] },
    ];
  }

  return {
    header: () => csvHeaderRow(MEMBER_EXPORT_HEADERS, format.delimiter),
    cells,
    row: (member: Member, summary: MemberSummary | undefined, events: readonly ExportEvent[]) => csvRow(cells(member, summary, events), format.delimiter),
    rowWith: (member: Member, summary: MemberSummary | undefined, standing: MemberStandingFacts) => csvRow(cellsWith(member, summary, standing), format.delimiter),
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
