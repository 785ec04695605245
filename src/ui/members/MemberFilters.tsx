import type { MemberSort, MemberSortField } from '../../core/memberList';
import type { LoyaltyProgram } from '../../core/types';
import { t, type MessageKey } from '../../i18n';
import '../../i18n/parts/members.en';
import { EMPTY_FILTERS, NO_TIER_VALUE, SEGMENT_LABELS, SEGMENTS, type FilterForm } from './memberFilters';

const SORT_LABELS: Record<MemberSortField, MessageKey> = {
  name: 'members.sort.name',
  joined: 'members.sort.joined',
  lastVisit: 'members.sort.lastVisit',
  visits: 'members.sort.visits',
  spend: 'members.sort.spend',
  points: 'members.sort.points',
  stamps: 'members.sort.stamps',
};

/** The sort fields that mean something in the program: stamps or points and spend. */
export function sortFields(program: LoyaltyProgram): MemberSortField[] {
  return program.mode === 'stamps' ? ['name', 'joined', 'lastVisit', 'visits', 'stamps'] : ['name', 'joined', 'lastVisit', 'visits', 'spend', 'points'];
}

interface Props {
  form: FilterForm;
  onForm: (form: FilterForm) => void;
  sort: MemberSort;
  onSort: (sort: MemberSort) => void;
  program: LoyaltyProgram;
}

/** Segment, tier, consent and date ranges; the sort field and its direction. */
export function MemberFilters({ form, onForm, sort, onSort, program }: Props) {
  const set = (patch: Partial<FilterForm>) => onForm({ ...form, ...patch });
  const select = (id: string, label: MessageKey, value: string, onChange: (value: string) => void, options: [string, string][]) => (
    <label class="members__control" for={id}>
      <span class="members__label">{t(label)}</span>
      <select id={id} class="members__select" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const day = (id: string, label: MessageKey, key: keyof FilterForm) => (
    <label class="members__control" for={id}>
      <span class="members__label">{t(label)}</span>
      <input id={id} type="date" class="members__date" value={form[key]} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    </label>
  );
  const filtered = Object.values(form).some((value) => value !== '');
  return (
    <div class="members__filters">
      <fieldset class="members__fieldset">
        <legend class="visually-hidden">{t('members.filters')}</legend>
        {select('members-segment', 'members.segment', form.segment, (segment) => set({ segment }), [
          ['', t('members.any')],
          ...SEGMENTS.map((segment): [string, string] => [segment, t(SEGMENT_LABELS[segment])]),
        ])}
        {program.tiers.length > 0 &&
          select('members-tier', 'members.tier', form.tier, (tier) => set({ tier }), [
            ['', t('members.any')],
            ...program.tiers.map((tier): [string, string] => [tier.id, tier.name]),
            [NO_TIER_VALUE, t('members.noTier')],
          ])}
        {select('members-consent', 'members.consent', form.consent, (consent) => set({ consent }), [
          ['', t('members.any')],
          ['yes', t('members.consentYes')],
          ['no', t('members.consentNo')],
        ])}
        {day('members-joined-from', 'members.joinedFrom', 'joinedFrom')}
        {day('members-joined-to', 'members.joinedTo', 'joinedTo')}
        {day('members-visit-from', 'members.lastVisitFrom', 'lastVisitFrom')}
        {day('members-visit-to', 'members.lastVisitTo', 'lastVisitTo')}
        {filtered && (
          <button type="button" class="button button--quiet members__clear" onClick={() => onForm(EMPTY_FILTERS)}>
            {t('members.clearFilters')}
          </button>
        )}
      </fieldset>
      <div class="members__sort">
        {select('members-sort', 'members.sortBy', sort.field, (field) => onSort({ ...sort, field: field as MemberSortField }), sortFields(program).map((field) => [field, t(SORT_LABELS[field])]))}
        <button
          type="button"
          class="button button--quiet members__direction"
          onClick={() => onSort({ ...sort, descending: !sort.descending })}
        >
          {sort.descending ? `↓ ${t('members.descending')}` : `↑ ${t('members.ascending')}`}
        </button>
      </div>
    </div>
  );
}
