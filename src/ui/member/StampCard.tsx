import type { StampCardView } from '../../core/ledger';
import { t } from '../../i18n';

/** N circles, filled as earned. The text beside it says the same for screen readers. */
export function StampCard({ view }: { view: StampCardView }) {
  return (
    <div class="stamp-card" role="img" aria-label={t('member.stampCard', { filled: view.filled, goal: view.goal })}>
      {Array.from({ length: view.goal }, (_, index) => (
        <span key={index} class={index < view.filled ? 'stamp stamp--filled' : 'stamp'} aria-hidden="true">
          {index < view.filled ? '✓' : index + 1}
        </span>
      ))}
    </div>
  );
}
