import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { localDate } from '../../core/calendar';
import type { MemberListEntry } from '../../core/memberList';
import type { ProgramMode } from '../../core/types';
import { formatCalendarDate, formatNumber, t } from '../../i18n';
import '../../i18n/parts/members.en';
import { SEGMENT_LABELS } from './memberFilters';

// Hand-written windowing: rows have one fixed height, so the rows in view follow from the scroll
// position; only they (and a few either side) are in the DOM, absolutely placed in a box as tall
// as all rows. One row is tabbable (roving tabindex); arrows, Page Up/Down, Home and End move it
// and scroll it into view, Enter or Space opens it.

export const ROW_HEIGHT = 56;
export const OVERSCAN = 6;

/** The rows to render for a scroll position: [start, end). */
export function rowWindow(scrollTop: number, viewportHeight: number, count: number, overscan = OVERSCAN): [number, number] {
  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + overscan);
  return [start, Math.max(start, end)];
}

interface Props {
  entries: readonly MemberListEntry[];
  /** Changes with the search, filters or sort (not with a reload of the same query): back to the top. */
  queryKey: string;
  mode: ProgramMode;
  onOpen: (memberId: string, index: number) => void;
  /** Where the list was when a member was opened: restored on the way back. */
  initialScrollTop: number;
  initialActive: number;
  focusActive: boolean;
  onScrolled: (scrollTop: number, active: number) => void;
}

const lastVisitText = (iso: string | undefined) => (iso ? formatCalendarDate(localDate(Date.parse(iso))) : t('members.never'));

export function MemberRows({ entries, queryKey, mode, onOpen, initialScrollTop, initialActive, focusActive, onScrolled }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(initialScrollTop);
  const [height, setHeight] = useState(800);
  const [active, setActive] = useState(Math.min(initialActive, Math.max(0, entries.length - 1)));
  const focusPending = useRef(focusActive);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const element = viewport.current!;
    element.scrollTop = initialScrollTop;
    const measure = () => setHeight(element.clientHeight || 800);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  // A new search or filter: back to the top.
  const count = entries.length;
  const previous = useRef(queryKey);
  useEffect(() => {
    if (previous.current === queryKey) return;
    previous.current = queryKey;
    setActive(0);
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [queryKey]);
  // Fewer rows after a reload: the tabbable row stays one of them.
  if (active > 0 && active >= count) setActive(Math.max(0, count - 1));

  useEffect(() => {
    onScrolled(scrollTop, active);
  }, [scrollTop, active]);

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    viewport.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus({ preventScroll: true });
  });

  function onScroll() {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(viewport.current?.scrollTop ?? 0));
  }

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(count - 1, index));
    const element = viewport.current!;
    const header = ROW_HEIGHT;
    const top = next * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight - header) element.scrollTop = top + ROW_HEIGHT - element.clientHeight + header;
    setScrollTop(element.scrollTop);
    setActive(next);
    focusPending.current = true;
  }

  function onKeyDown(event: KeyboardEvent) {
    if (count === 0 || !(event.target instanceof HTMLElement) || event.target.dataset.index === undefined) return;
    const page = Math.max(1, Math.floor((height - ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  }

  const [start, end] = rowWindow(scrollTop, height, count);
  const indices: number[] = [];
  // The tabbable row stays in the DOM even when scrolled away, so Tab always finds the list.
  if (active < start && active < count) indices.push(active);
  for (let i = start; i < end; i++) indices.push(i);
  if (active >= end && active < count) indices.push(active);

  const valueColumn = mode === 'stamps' ? t('members.column.stamps') : t('members.column.points');
  return (
    <div class="members__viewport" ref={viewport} onScroll={onScroll} onKeyDown={onKeyDown}>
      <div class="members__row members__row--head" aria-hidden="true">
        <span>{t('members.column.name')}</span>
        <span>{t('members.column.phone')}</span>
        <span>{t('members.column.card')}</span>
        <span>{t('members.column.lastVisit')}</span>
        <span class="members__number">{t('members.column.visits')}</span>
        <span class="members__number">{valueColumn}</span>
        <span>{t('members.column.segment')}</span>
        <span>{t('members.column.tier')}</span>
      </div>
      <div role="list" aria-label={t('members.listLabel')} class="members__rows" style={{ height: `${count * ROW_HEIGHT}px` }}>
        {indices.map((index) => {
          const entry = entries[index]!;
          return (
            <div role="listitem" key={entry.id} class="members__item" style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }} aria-setsize={count} aria-posinset={index + 1}>
              <button
                type="button"
                class="members__row members__open"
                data-index={index}
                tabIndex={index === active ? 0 : -1}
                onFocus={() => index !== active && setActive(index)}
                onClick={() => onOpen(entry.id, index)}
              >
                <span class="members__name">{entry.name || t('members.unnamed')}</span>
                <span>{entry.phoneE164 ?? ''}</span>
                <span class="members__card">{entry.cardCodes[0] ?? ''}</span>
                <span>{lastVisitText(entry.lastVisitAt)}</span>
                <span class="members__number">{formatNumber(entry.visits)}</span>
                <span class="members__number">{formatNumber(mode === 'stamps' ? entry.stamps : entry.points)}</span>
                <span>{t(SEGMENT_LABELS[entry.segment])}</span>
                <span>{entry.tierName ?? ''}</span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
