import { useMemo, useState } from 'preact/hooks';
import type { DuplicatePair, DuplicateReason } from '../../core/duplicates';
import type { Member } from '../../core/types';
import type { DuplicateListing } from '../../db/memberMergeRepository';
import { formatDay, t, type MessageKey } from '../../i18n';
import '../../i18n/parts/memberMerge.en';
import { createMemberMergeActions } from '../../state/memberMergeActions';
import { useApp } from '../context';
import './duplicates.css';

// Likely duplicates, pair by pair: the owner picks which record to keep, confirms, and the pair
// leaves the list. The list is worked out when the owner asks (it reads every member).

interface PendingMerge {
  survivor: Member;
  absorbed: Member;
}

function MemberSide({ member }: { member: Member }) {
  return (
    <div class="duplicate__side">
      <strong class="duplicate__name">{member.name}</strong>
      <span>{member.phoneE164 ?? t('merge.noPhone')}</span>
      <span>{member.email ?? t('merge.noEmail')}</span>
      <span>{t('merge.cards', { codes: member.cardCodes.join(', ') })}</span>
      <span>{t('merge.joined', { date: formatDay(member.createdAt) })}</span>
    </div>
  );
}

const REASON_LABELS: Record<DuplicateReason, MessageKey> = {
  phone: 'merge.reason.phone',
  email: 'merge.reason.email',
  name: 'merge.reason.name',
  similarName: 'merge.reason.similarName',
};

function reasonsText(pair: DuplicatePair): string {
  return pair.reasons.map((reason) => t(REASON_LABELS[reason])).join(', ');
}

export function DuplicatesView({ onBack }: { onBack: () => void }) {
  const { ctx, store } = useApp();
  const actions = useMemo(() => createMemberMergeActions(ctx, store), [ctx, store]);
  const [listing, setListing] = useState<DuplicateListing>();
  const [searching, setSearching] = useState(false);
  const [pending, setPending] = useState<PendingMerge>();
  const [merging, setMerging] = useState(false);

  async function find() {
    setSearching(true);
    const result = await actions.findDuplicates();
    setSearching(false);
    if (result.ok) setListing(result.value);
  }

  async function merge() {
    if (!pending || !listing) return;
    setMerging(true);
    const result = await actions.mergeMembers(pending.survivor, pending.absorbed);
    setMerging(false);
    setPending(undefined);
    if (!result.ok) return;
    // Any pair with either record is stale now: the absorbed one is gone, the survivor changed.
    const touched = new Set([pending.survivor.id, pending.absorbed.id]);
    setListing({ ...listing, pairs: listing.pairs.filter(({ pair }) => !pair.ids.some((id) => touched.has(id))) });
  }

  return (
    <section class="duplicates" aria-labelledby="duplicates-title">
      <div class="duplicates__header">
        <h2 id="duplicates-title">{t('merge.title')}</h2>
        <button type="button" class="button button--secondary" onClick={onBack}>
          {t('merge.back')}
        </button>
      </div>
      <p>{t('merge.intro')}</p>
      <button type="button" class="button button--primary" onClick={() => void find()} disabled={searching}>
        {t('merge.find')}
      </button>
      <div role="status" aria-live="polite">
        {searching && <p>{t('merge.searching')}</p>}
        {listing && !searching && <p>{listing.pairs.length === 0 ? t('merge.none') : t('merge.count', { count: listing.pairs.length })}</p>}
        {listing?.truncated && <p>{t('merge.truncated', { count: listing.pairs.length })}</p>}
      </div>
      {listing && (
        <ul class="duplicates__list">
          {listing.pairs.map(({ pair, members: [first, second] }) => (
            <li key={pair.ids.join()} class="duplicate" aria-label={t('merge.pairLabel', { first: first.name, second: second.name, reasons: reasonsText(pair) })}>
              <p class="duplicate__reasons">{reasonsText(pair)}</p>
              <div class="duplicate__sides">
                <MemberSide member={first} />
                <MemberSide member={second} />
              </div>
              <div class="duplicate__actions">
                <button type="button" class="button button--secondary" onClick={() => setPending({ survivor: first, absorbed: second })}>
                  {t('merge.keep', { name: first.name, card: first.cardCodes[0] ?? '' })}
                </button>
                <button type="button" class="button button--secondary" onClick={() => setPending({ survivor: second, absorbed: first })}>
                  {t('merge.keep', { name: second.name, card: second.cardCodes[0] ?? '' })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pending && (
        <div class="dialog dialog--confirm" role="alertdialog" aria-modal="true" aria-labelledby="merge-confirm-text">
          <p id="merge-confirm-text">{t('merge.confirm', { name: pending.survivor.name, other: pending.absorbed.name })}</p>
          <div class="dialog__actions">
            <button type="button" class="button button--secondary button--large" onClick={() => setPending(undefined)} disabled={merging}>
              {t('merge.cancel')}
            </button>
            <button type="button" class="button button--primary button--large" onClick={() => void merge()} disabled={merging}>
              {t('merge.confirmYes')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
