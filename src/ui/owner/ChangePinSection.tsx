import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import { useApp } from '../context';
import { useLazyModule } from '../hooks/useLazyModule';
import { NewPinFields } from './NewPinFields';
import { PinField } from './PinField';

/** Settings → a new owner PIN, given the current one (a wrong one counts towards the back-off). */
export function ChangePinSection() {
  const { actions } = useApp();
  const pins = useLazyModule(actions.loadOwnerPinActions);
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();

  async function submit(event: Event) {
    event.preventDefault();
    if (!pins) return;
    setBusy(true);
    const failure = await pins.changeOwnerPin(current, pin, repeat);
    setBusy(false);
    setError(failure);
    // Masked fields cannot be checked by eye: after a failure too, all three start again.
    setCurrent('');
    setPin('');
    setRepeat('');
  }

  return (
    <section class="owner-pin" aria-labelledby="owner-pin-title">
      <h3 id="owner-pin-title">{t('owner.changeTitle')}</h3>
      <form class="dialog__form" onSubmit={(event) => void submit(event)} noValidate>
        <PinField label={t('owner.currentPin')} name="currentPin" value={current} onInput={setCurrent} autoComplete="off" />
        <NewPinFields pin={pin} repeat={repeat} onPin={setPin} onRepeat={setRepeat} />
        {error && (
          <p class="owner-gate__error" role="alert">
            {t(error.key, error.params)}
          </p>
        )}
        <div class="dialog__actions">
          <button type="submit" class="button button--primary button--large" disabled={busy || !pins}>
            {busy ? t('owner.checking') : t('owner.changeSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
