import { useEffect, useRef, useState } from 'preact/hooks';
import { secondsUntil } from '../../core/ownerPin';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import type { OwnerPinActions } from '../../state/ownerPinActions';
import { useApp } from '../context';
import { useNow } from '../hooks/useNow';
import { PinDialog } from './PinDialog';
import { PinField } from './PinField';

/** The owner PIN at the gate; after wrong ones the field waits, counting down, until it may be tried again. */
export function PinEntry({ pins, retryAt }: { pins: OwnerPinActions; retryAt: number }) {
  const { ctx } = useApp();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();
  const input = useRef<HTMLInputElement>(null);
  // While a PIN is checked it already counts as a wrong one (see checkOwnerPin): no countdown yet.
  const waiting = !busy && retryAt > ctx.now();
  // Re-renders the countdown, and ends it on time.
  useNow(250, waiting);
  useEffect(() => {
    if (!waiting && !busy) input.current?.focus();
  }, [waiting, busy]);

  async function submit() {
    setBusy(true);
    const failure = await pins.unlockOwner(pin);
    // On success the owner area replaces this form.
    if (!failure) return;
    setBusy(false);
    // The countdown says it while it lasts.
    setError(failure.key === 'error.owner.wait' ? undefined : failure);
    setPin('');
  }

  return (
    <PinDialog
      title={t('owner.enterTitle')}
      error={error}
      notice={waiting ? t('error.owner.wait', { seconds: secondsUntil(retryAt, ctx.now()) }) : undefined}
      submitLabel={t('owner.unlock')}
      busy={busy}
      disabled={waiting}
      onSubmit={() => void submit()}
    >
      <PinField label={t('owner.pin')} name="ownerPin" value={pin} onInput={setPin} autoComplete="off" disabled={busy || waiting} inputRef={input} />
    </PinDialog>
  );
}
