import { getMemberCard } from '../../db/memberRepository';
import { t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { useApp } from '../context';
import { useLazyModule } from '../hooks/useLazyModule';
import { useLive } from '../hooks/useLive';

const loadCardImages = () => import('./CardViews');

/** The member's card after sign-up (or on request): number, CODE128 and QR. */
export function CardScreen({ memberId }: { memberId: string }) {
  const { ctx, actions } = useApp();
  const card = useLive(() => getMemberCard(ctx, memberId), [ctx, memberId]);
  const images = useLazyModule(loadCardImages);
  const code = card?.member.cardCodes[0];
  if (!card || !code) return null;
  return (
    <section class="card-screen" aria-labelledby="card-title">
      <h2 id="card-title">{t('card.title', { name: card.member.name })}</h2>
      <p class="card-screen__number">
        <span class="visually-hidden">{t('card.number')}: </span>
        <strong data-testid="card-number">{code}</strong>
      </p>
      {images ? <images.MemberCardImages code={code} /> : <p>{t('card.loading')}</p>}
      <button type="button" class="button button--secondary button--large" onClick={() => actions.openCardPrint(memberId)}>
        {t('print.cardButton')}
      </button>
      <button type="button" class="button button--primary button--large" onClick={actions.closeCard}>
        {t('card.done')}
      </button>
    </section>
  );
}
