import { useMemo, useState } from 'preact/hooks';
import type { MemberDataExport } from '../../core/memberDataExport';
import type { Member } from '../../core/types';
import { readMemberPage } from '../../db/memberPageRepository';
import { getMemberStanding } from '../../db/tillRepository';
import { getMemberCard } from '../../db/memberRepository';
import { formatDateTime, formatMoney, pointsParams, t } from '../../i18n';
import '../../i18n/parts/memberPage.en';
import { createMemberPageActions, type MemberPageActions } from '../../state/memberPageActions';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useNow } from '../hooks/useNow';
import { useProgram, useShop } from '../hooks/useProgram';
import { MemberStatus } from '../member/MemberStatus';
import { downloadBlob } from '../settings/download';
import { MemberCards } from './MemberCards';
import { MemberDataView } from './MemberDataView';
import { MemberEditForm } from './MemberEditForm';
import { MemberErase } from './MemberErase';
import { MemberLedger } from './MemberLedger';
import './memberPage.css';

/** Name, cards, joined, and the balance and tier as the till shows them. */
function MemberHeader({ member, memberId }: { member: Member; memberId: string }) {
  const { ctx } = useApp();
  const now = useNow(30_000);
  const program = useProgram();
  const shop = useShop();
  const card = useLive(() => getMemberCard(ctx, memberId), [ctx, memberId]);
  const standing = useLive(() => getMemberStanding(ctx, memberId), [ctx, memberId, now]);
  const summary = card?.summary;
  return (
    <header class="member-page__header">
      <h2 id="member-page-title" class="member-page__name">
        {member.name || '—'}
      </h2>
      <p class="member-page__meta">
        {member.cardCodes.length > 0 ? t('memberPage.cardsLine', { count: member.cardCodes.length, codes: member.cardCodes.join(', ') }) : t('memberPage.noCard')}
        {' · '}
        {t('memberPage.joined', { date: formatDateTime(member.createdAt) })}
      </p>
      {summary && program && shop && standing && (
        <>
          <p class="member-page__meta">
            {program.mode === 'points'
              ? t('memberPage.balancePoints', pointsParams(standing.balance.points))
              : t('memberPage.balanceStamps', { count: standing.balance.stamps })}
            {' · '}
            {t('member.visits', { count: summary.visits })}
            {' · '}
            {summary.lastVisitAt ? t('member.lastVisit', { when: formatDateTime(summary.lastVisitAt) }) : t('member.neverVisited')}
            {summary.spendMinor > 0 && (
              <>
                {' · '}
                {t('memberPage.spend', { amount: formatMoney(summary.spendMinor, shop.currency) })}
              </>
            )}
          </p>
          <MemberStatus program={program} standing={standing} currency={shop.currency} />
        </>
      )}
    </header>
  );
}

/** Download the member's data as JSON, or open it as a printable page. */
function MemberExport({ memberId, actions, onShow }: { memberId: string; actions: MemberPageActions; onShow: (data: MemberDataExport) => void }) {
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    const result = await actions.exportData(memberId);
    setBusy(false);
    if (result.ok) downloadBlob(result.value.blob, result.value.fileName);
  }
  async function show() {
    setBusy(true);
    const result = await actions.readData(memberId);
    setBusy(false);
    if (result.ok) onShow(result.value);
  }
  return (
    <section class="member-page__section" aria-labelledby="member-export-title">
      <h3 id="member-export-title">{t('memberPage.exportTitle')}</h3>
      <p>{t('memberPage.exportHelp')}</p>
      <div class="member-page__actions">
        <button type="button" class="button button--secondary" disabled={busy} onClick={() => void download()}>
          {t('memberPage.exportJson')}
        </button>
        <button type="button" class="button button--secondary" disabled={busy} onClick={() => void show()}>
          {t('memberPage.exportPage')}
        </button>
      </div>
    </section>
  );
}

/**
 * One member, for the owner: the header as the till shows it, the details to edit, the cards,
 * every ledger entry (voids included, the owner may void), the data export for an access request
 * and erasure. Rendered by the members list inside the owner area, so only behind the PIN; its
 * actions check the owner session again.
 */
export function MemberPage({ memberId, onBack }: { memberId: string; onBack: () => void }) {
  const { ctx, store } = useApp();
  const actions = useMemo(() => createMemberPageActions(ctx, store), [ctx, store]);
  const page = useLive(() => readMemberPage(ctx, memberId).then((data) => ({ memberId, data })), [ctx, memberId]);
  const [dataView, setDataView] = useState<MemberDataExport>();
  const data = page?.memberId === memberId ? page.data : undefined;
  const member = data?.member;
  const erased = member?.deletedAt !== undefined;
  const merged = member?.mergedInto !== undefined;

  if (dataView) return <MemberDataView data={dataView} onClose={() => setDataView(undefined)} />;

  return (
    <section class="member-page" aria-labelledby="member-page-title" data-testid="member-page">
      <div class="member-page__top">
        <button type="button" class="button button--quiet" onClick={onBack}>
          ← {t('memberPage.back')}
        </button>
      </div>
      {!page && <p role="status">{t('memberPage.loading')}</p>}
      {page && !member && (
        <p role="alert" id="member-page-title">
          {t('memberPage.notFound')}
        </p>
      )}
      {data && member && (
        <>
          <MemberHeader member={member} memberId={memberId} />
          {erased && <p class="member-page__notice">{t('memberPage.erasedNotice', { date: formatDateTime(member.deletedAt!) })}</p>}
          {merged && !erased && <p class="member-page__notice">{t('memberPage.mergedNotice')}</p>}
          {!erased && !merged && (
            <>
              <MemberEditForm key={member.id} member={member} actions={actions} />
              <MemberCards member={member} actions={actions} />
            </>
          )}
          <MemberLedger events={data.events} thisDeviceId={data.thisDeviceId} canVoid={!merged} />
          {!merged && <MemberExport memberId={memberId} actions={actions} onShow={setDataView} />}
          {!erased && !merged && <MemberErase member={member} actions={actions} />}
        </>
      )}
    </section>
  );
}
