import { useRef } from 'preact/hooks';
import { getMemberCard } from '../../db/memberRepository';
import { t } from '../../i18n';
import '../../i18n/parts/cards.en';
import { useApp } from '../context';
import { useFullscreen } from '../hooks/useFullscreen';
import { useLive } from '../hooks/useLive';
import { Code128Image, QrImage } from './MemberCardImages';

/** The card, large and black on white, for the customer to photograph its QR. */
export function ShowCardView({ memberId }: { memberId: string }) {
  const { ctx, actions } = useApp();
  const card = useLive(() => getMemberCard(ctx, memberId), [ctx, memberId]);
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
          <p class="show-card__hint">{t('showCard.hint')}</p>
        </>
      )}
    </div>
  );
}
