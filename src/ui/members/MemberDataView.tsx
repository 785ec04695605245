import { useEffect, useRef } from 'preact/hooks';
import type { MemberDataEvent, MemberDataExport } from '../../core/memberDataExport';
import { formatDateTime, formatMoney, formatNumber, t } from '../../i18n';
import '../../i18n/parts/memberPage.en';
import { describe } from '../member/MemberHistory';
import { tabletLabel } from './MemberLedger';

const none = () => t('memberPage.data.none');
const when = (iso: string | null) => (iso ? formatDateTime(iso) : none());

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div class="member-data__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** An exported entry in the words of the member's history. */
function entryText(event: MemberDataEvent, currency: string): string {
  return describe(event, currency);
}

/**
 * The member's data as a readable page for an access request: the same document as the JSON
 * file, rendered as text (Preact escapes every value: a name with markup stays text). Print
 * shows the page alone (memberPage.css).
 */
export function MemberDataView({ data, onClose }: { data: MemberDataExport; onClose: () => void }) {
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => printButton.current?.focus(), []);
  const { member, consent, summary, shop } = data;
  const byId = new Map(data.events.map((event) => [event.id, event]));
  return (
    <div class="member-data-view" role="dialog" aria-modal="true" aria-labelledby="member-data-title">
      <div class="member-data__controls">
        <button type="button" class="button button--secondary button--large" onClick={onClose}>
          {t('memberPage.data.close')}
        </button>
        <button ref={printButton} type="button" class="button button--primary button--large" onClick={() => window.print()}>
          {t('memberPage.data.print')}
        </button>
      </div>
      <article class="member-data__page">
        <h2 id="member-data-title">{t('memberPage.data.title', { shop: shop.name })}</h2>
        <p>{t('memberPage.data.exportedAt', { date: formatDateTime(data.exportedAt) })}</p>

        <h3>{t('memberPage.data.details')}</h3>
        <dl class="member-data__list">
          <Row label={t('memberPage.name')} value={member.name || none()} />
          <Row label={t('memberPage.phone')} value={member.phone ?? none()} />
          <Row label={t('memberPage.email')} value={member.email ?? none()} />
          <Row label={t('memberPage.note')} value={member.note ?? none()} />
          <Row label={t('memberPage.data.cards')} value={member.cards.length > 0 ? member.cards.join(', ') : none()} />
          <Row label={t('memberPage.data.joined')} value={when(member.joinedAt)} />
          <Row label={t('memberPage.data.updated')} value={when(member.updatedAt)} />
          {member.erasedAt && <Row label={t('memberPage.data.erasedAt')} value={when(member.erasedAt)} />}
          <Row label={t('memberPage.data.id')} value={member.id} />
        </dl>

        <h3>{t('memberPage.data.consentTitle')}</h3>
        <p>{t(consent.marketing ? 'memberPage.consentRecordedYes' : 'memberPage.consentRecordedNo', { date: formatDateTime(consent.at), version: consent.textVersion })}</p>
        <p>{t('memberPage.data.consentOnlyLatest')}</p>

        <h3>{t('memberPage.data.summary')}</h3>
        <dl class="member-data__list">
          <Row label={t('memberPage.data.visits')} value={formatNumber(summary.visits)} />
          <Row label={t('memberPage.data.rewards')} value={formatNumber(summary.rewardsRedeemed)} />
          <Row label={t('memberPage.data.spend')} value={formatMoney(summary.spendMinor, shop.currency)} />
          <Row label={t('memberPage.data.lastVisit')} value={when(summary.lastVisitAt)} />
          <Row label={t('memberPage.data.stamps')} value={formatNumber(summary.stamps)} />
          <Row label={t('memberPage.data.points')} value={formatNumber(summary.points)} />
          <Row label={t('memberPage.data.tier')} value={summary.tier ?? none()} />
        </dl>

        <h3>{t('memberPage.data.entries', { count: data.events.length })}</h3>
        <table class="member-data__table">
          <thead>
            <tr>
              <th scope="col">{t('memberPage.data.when')}</th>
              <th scope="col">{t('memberPage.data.what')}</th>
              <th scope="col">{t('memberPage.data.tablet')}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((event) => {
              const target = event.voids !== undefined ? byId.get(event.voids) : undefined;
              return (
                <tr key={event.id}>
                  <td>{formatDateTime(event.at)}</td>
                  <td>
                    {entryText(event, shop.currency)}
                    {event.kind === 'void' &&
                      ` · ${target ? t('memberPage.voidOf', { what: entryText(target, shop.currency), when: formatDateTime(target.at) }) : t('memberPage.voidOfUnknown')}`}
                    {event.voidedBy !== undefined && ` · ${t('memberPage.data.voided')}`}
                  </td>
                  <td>{tabletLabel(event.tablet, undefined)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </article>
    </div>
  );
}
