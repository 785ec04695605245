import { useMemo, useRef, useState } from 'preact/hooks';
import { createMemberFilter, DEFAULT_MEMBER_SORT, sortedEntries, type MemberSort } from '../../core/memberList';
import { formatNumber, t } from '../../i18n';
import '../../i18n/parts/members.en';
import type { OwnerView } from '../../state/store';
import { useApp } from '../context';
import { lazyComponent } from '../hooks/lazyComponent';
import { LockButton } from '../owner/LockButton';
import { MemberFilters, sortFields } from './MemberFilters';
import { EMPTY_FILTERS, filtersOf, type FilterForm } from './memberFilters';
import { MemberRows } from './MemberRows';
import { useMemberIndex, type MemberIndexCache } from './useMemberIndex';
import './members.css';

// The owner's members list: search (name words accent-blind, phone digits, card, email), filters,
// sort and a windowed list over every member held in memory (useMemberIndex). Filtering runs on
// every keystroke over the entries in the sort's order, which is worked out only when the sort
// or the data change. A member opens their page in place of the list; the list keeps its search,
// filters, sort and scroll position for the way back.

const Duplicates = lazyComponent(() => import('./DuplicatesView').then((m) => m.DuplicatesView));

const MemberPage = lazyComponent(
  () => import('./MemberPage').then((m) => m.MemberPage),
  () => <p class="members__status">{t('members.opening')}</p>,
);

/** What the owner area keeps of the list while it is open (the loaded members). */
export type MembersCache = MemberIndexCache;

export function MembersList({ view, cache }: { view: Exclude<OwnerView, { kind: 'settings' }>; cache: MembersCache }) {
  const { actions } = useApp();
  const { members, progress } = useMemberIndex(cache);
  const [search, setSearch] = useState('');
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTERS);
  const [sort, setSort] = useState<MemberSort>(DEFAULT_MEMBER_SORT);
  const place = useRef({ scrollTop: 0, active: 0, returning: false });

  const entries = members?.entries;
  const program = members?.program;
  // A sort field the program does not show (stamps after a switch to points): by name instead.
  const effectiveSort = program && !sortFields(program).includes(sort.field) ? DEFAULT_MEMBER_SORT : sort;
  const sorted = useMemo(() => (entries ? sortedEntries(entries, effectiveSort) : []), [entries, effectiveSort.field, effectiveSort.descending]);
  const filters = useMemo(() => filtersOf(form), [form]);
  const [filter] = useState(createMemberFilter);
  const shown = useMemo(() => filter(sorted, { search, filters }), [sorted, search, filters]);
  const queryKey = JSON.stringify([search, form, effectiveSort]);

  if (view.kind === 'duplicates') {
    return <Duplicates onBack={() => actions.showOwnerView({ kind: 'members' })} />;
  }

  if (view.kind === 'member') {
    const back = () => {
      place.current.returning = true;
      actions.showOwnerView({ kind: 'members' });
    };
    return (
      <div class="members members--page">
        <MemberPage memberId={view.memberId} onBack={back} />
      </div>
    );
  }

  const returning = place.current.returning;
  place.current.returning = false;
  const total = entries?.length ?? 0;
  return (
    <section class="members" aria-labelledby="members-title">
      <div class="members__header">
        <h2 id="members-title">{t('members.title')}</h2>
        <div class="members__tools">
          <button type="button" class="button button--secondary" onClick={() => actions.showOwnerView({ kind: 'duplicates' })}>
            {t('members.duplicates')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => actions.toggleSettings(false)}>
            {t('members.close')}
          </button>
          <LockButton />
        </div>
      </div>
      <label class="members__search" for="members-search">
        <span class="visually-hidden">{t('members.search')}</span>
        <input
          id="members-search"
          type="search"
          class="field__input members__search-input"
          placeholder={t('members.search')}
          value={search}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      </label>
      {program && <MemberFilters form={form} onForm={setForm} sort={effectiveSort} onSort={setSort} program={program} />}
      <p class="members__status" role="status">
        {progress && <span>{t('members.loading', { done: formatNumber(progress.done), total: formatNumber(progress.total) })} </span>}
        {entries && (total === 0 && !progress ? t('members.none') : t('members.count', { count: total, total: formatNumber(total), shown: formatNumber(shown.length) }))}
      </p>
      {entries && shown.length === 0 && total > 0 && <p class="members__empty">{t('members.noMatch')}</p>}
      {program && (
        <MemberRows
          entries={shown}
          queryKey={queryKey}
          mode={program.mode}
          initialScrollTop={returning ? place.current.scrollTop : 0}
          initialActive={returning ? place.current.active : 0}
          focusActive={returning}
          onScrolled={(scrollTop, active) => {
            place.current.scrollTop = scrollTop;
            place.current.active = active;
          }}
          onOpen={(memberId, index) => {
            place.current.active = index;
            actions.showOwnerView({ kind: 'member', memberId });
          }}
        />
      )}
    </section>
  );
}
