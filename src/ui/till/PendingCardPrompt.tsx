import { getMemberCard } from '../../db/memberRepository';
import { t } from '../../i18n';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useTillState } from '../hooks/useTillState';

/**
 * A scanned card that belongs to no member: old plastic cards keep working once linked. The
 * open member (if any) is one tap away; anyone else is found with the search box above.
 */
export function PendingCardPrompt({ code }: { code: string }) {
  const { ctx, actions } = useApp();
  const selectedMemberId = useTillState((s) => s.selectedMemberId);
  const open = useLive(() => (selectedMemberId ? getMemberCard(ctx, selectedMemberId) : Promise.resolve(undefined)), [ctx, selectedMemberId]);
  return (
    <section class="pending-card" role="alert" aria-labelledby="pending-card-title">
      <h2 id="pending-card-title">{t('cardPrompt.title', { code })}</h2>
      <p>{t('cardPrompt.hint')}</p>
      <div class="dialog__actions">
        <button type="button" class="button button--secondary" onClick={actions.dismissPendingCard}>
          {t('cardPrompt.cancel')}
        </button>
        <button type="button" class="button button--secondary" onClick={actions.signUpWithPendingCard}>
          {t('cardPrompt.signUp')}
        </button>
        {open && (
          <button type="button" class="button button--primary" onClick={() => void actions.linkPendingCard(open.member.id)}>
            {t('cardPrompt.linkTo', { name: open.member.name })}
          </button>
        )}
      </div>
    </section>
  );
}
