import { useRef } from 'preact/hooks';
import type { MemberStanding } from '../../core/standing';
import type { LoyaltyProgram } from '../../core/types';
import { getMemberCard } from '../../db/memberRepository';
import { getMemberStanding } from '../../db/tillRepository';
import { pointsParams, t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { useApp } from '../context';
import { useFullscreen } from '../hooks/useFullscreen';
import { useLive } from '../hooks/useLive';
import { useProgram } from '../hooks/useProgram';
import { Code128Image, QrImage } from './MemberCardImages';

/** What the customer holds: their tier and their points, or their stamps on the card. */
function CustomerStanding({ program, standing }: { program: LoyaltyProgram; standing: MemberStanding }) {
  const balance =
    program.mode === 'points'
      ? t('showCard.points', pointsParams(standing.balance.points))
      : t('showCard.stamps', { count: standing.card.filled, goal: standing.card.goal });
  const tier = standing.tier.level;
  return (
    <p class="show-card__standing" data-testid="show-card-standing">
      {tier ? t('showCard.tierAndBalance', { tier: tier.name, balance }) : balance}
    </p>
  );
}

/** The card, large and black on white, for the customer to photograph its QR. */
export function ShowCardView({ memberId }: { memberId: string }) {
  const { ctx, actions } = useApp();
  const card = useLive(() => getMemberCard(ctx, memberId), [ctx, memberId]);
  const standing = useLive(() => getMemberStanding(ctx, memberId), [ctx, memberId]);
  const program = useProgram();
  const view = useRef<HTMLDivElement>(null);
  useFullscreen(view);
  const code = card?.member.cardCodes[0];
  return (
    <div ref={view} class="card-view show-card" role="dialog" aria-modal="true" aria-label={t('showCard.title', { code: code ?? '' })}>
      <button type="button" class="button button--quiet button--large show-card__close" onClick={actions.closeCardView}>
        {t('showCard.close')}
      </button>
      {code && (
        <>
          <QrImage code={code} class="show-card__qr" />
          <Code128Image code={code} class="show-card__code128" />
          <p class="show-card__number" data-testid="show-card-number">
            {code}
          </p>
          {program && standing && <CustomerStanding program={program} standing={standing} />}
          <p class="show-card__hint">{t('showCard.hint')}</p>
        </>
      )}
    </div>
  );
}
