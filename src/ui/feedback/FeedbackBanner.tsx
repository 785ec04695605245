import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import { useApp } from '../context';
import { useTillState } from '../hooks/useTillState';
import { playError, playSuccess } from './sound';

const ICONS = { success: '✔', error: '✖', info: 'ℹ' } as const;

/** Big, coloured, iconed and announced: a confirmation nobody at the till can miss. */
/** Confirmations fade once the next customer steps up; errors stay until the next action. */
const CONFIRMATION_VISIBLE_MS = 6000;

export function FeedbackBanner() {
  const { actions } = useApp();
  const feedback = useTillState((s) => s.feedback);
  useEffect(() => {
    if (!feedback) return undefined;
    if (feedback.tone === 'success') playSuccess();
    if (feedback.tone === 'error') {
      playError();
      return undefined;
    }
    const timer = setTimeout(() => actions.dismissFeedback(feedback.id), CONFIRMATION_VISIBLE_MS);
    return () => clearTimeout(timer);
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
