import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { useTillState } from '../hooks/useTillState';
import { playError, playSuccess } from './sound';

const ICONS = { success: '✔', error: '✖', info: 'ℹ' } as const;

/** Big, coloured, iconed and announced: a confirmation nobody at the till can miss. */
export function FeedbackBanner() {
  const feedback = useTillState((s) => s.feedback);
  useEffect(() => {
    if (feedback?.tone === 'success') playSuccess();
    if (feedback?.tone === 'error') playError();
  }, [feedback?.id]);
  return (
    <div class="feedback-region" role={feedback?.tone === 'error' ? 'alert' : 'status'} aria-live="assertive">
      {feedback && (
        <p key={feedback.id} class={`feedback feedback--${feedback.tone}`} data-tone={feedback.tone}>
          <span class="feedback__icon" aria-hidden="true">
            {ICONS[feedback.tone]}
          </span>
          <span class="feedback__text">{t(feedback.key, feedback.params)}</span>
        </p>
      )}
    </div>
  );
}
