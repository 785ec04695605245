import type { MemberListFilters } from '../../core/memberList';
import type { Segment } from '../../core/segments';
import type { MessageKey } from '../../i18n';
import '../../i18n/parts/members.en';

// The filter form as typed (select values and YYYY-MM-DD days) and its conversion to the query's
// filters: days are this tablet's calendar days, a "to" day counts whole.

export interface FilterForm {
  segment: string;
  tier: string;
  consent: string;
  joinedFrom: string;
  joinedTo: string;
  lastVisitFrom: string;
  lastVisitTo: string;
}

export const EMPTY_FILTERS: FilterForm = { segment: '', tier: '', consent: '', joinedFrom: '', joinedTo: '', lastVisitFrom: '', lastVisitTo: '' };

/** Select value for "members without a tier" (tier ids are never this). */
export const NO_TIER_VALUE = '-';

export const SEGMENTS: readonly Segment[] = ['new', 'loyal', 'regular', 'atRisk', 'lapsed'];

export const SEGMENT_LABELS: Record<Segment, MessageKey> = {
  new: 'members.segment.new',
  loyal: 'members.segment.loyal',
  regular: 'members.segment.regular',
  atRisk: 'members.segment.atRisk',
  lapsed: 'members.segment.lapsed',
};

/** The instant a local calendar day (YYYY-MM-DD) begins, `plusDays` later; undefined for no day. */
export function localDayStart(day: string, plusDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).toISOString();
}

export function filtersOf(form: FilterForm): MemberListFilters {
  const filters: MemberListFilters = {};
  if (form.segment) filters.segment = form.segment as Segment;
  if (form.tier) filters.tierId = form.tier === NO_TIER_VALUE ? '' : form.tier;
  if (form.consent) filters.consent = form.consent === 'yes';
  const joinedFrom = localDayStart(form.joinedFrom);
  const joinedTo = localDayStart(form.joinedTo, 1);
  const lastVisitFrom = localDayStart(form.lastVisitFrom);
  const lastVisitTo = localDayStart(form.lastVisitTo, 1);
  if (joinedFrom) filters.joinedFrom = joinedFrom;
  if (joinedTo) filters.joinedTo = joinedTo;
  if (lastVisitFrom) filters.lastVisitFrom = lastVisitFrom;
  if (lastVisitTo) filters.lastVisitTo = lastVisitTo;
  return filters;
}
