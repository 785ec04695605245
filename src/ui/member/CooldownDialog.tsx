import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { useApp } from '../context';
import type { CooldownPrompt } from '../../state/store';

/** A second punch soon after the last one is usually a double scan: ask, never record silently. */
export function CooldownDialog({ prompt, name }: { prompt: CooldownPrompt; name: string }) {
  const { actions } = useApp();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="cooldown-title" aria-describedby="cooldown-body">
      <h2 id="cooldown-title">{t('cooldown.title')}</h2>
      <p id="cooldown-body">{t('cooldown.body', { name, minutes: prompt.minutes })}</p>
      <div class="dialog__actions">
        <button ref={cancel} type="button" class="button button--secondary button--large" onClick={actions.cancelCooldownPunch}>
          {t('cooldown.cancel')}
        </button>
        <button type="button" class="button button--primary button--large" onClick={() => void actions.confirmCooldownPunch()}>
          {t('cooldown.confirm')}
        </button>
      </div>
    </div>
  );
}
