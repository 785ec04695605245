import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import type { OwnerPinActions } from '../../state/ownerPinActions';
import { PinDialog } from './PinDialog';
import { NewPinFields } from './NewPinFields';

/** The first time the owner area opens on this tablet: choose the owner PIN. */
export function SetPinForm({ pins }: { pins: OwnerPinActions }) {
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit() {
    setBusy(true);
    const failure = await pins.setOwnerPin(pin, repeat);
    // On success the owner area replaces this form.
    if (!failure) return;
    setBusy(false);
    setError(failure);
    // Masked fields cannot be checked by eye: start both again.
    setPin('');
    setRepeat('');
    first.current?.focus();
  }

  return (
    <PinDialog
      title={t('owner.setTitle')}
      help={t('owner.setHelp')}
      error={error}
      submitLabel={t('owner.setSubmit')}
      busy={busy}
      onSubmit={() => void submit()}
    >
      <NewPinFields pin={pin} repeat={repeat} onPin={setPin} onRepeat={setRepeat} pinRef={first} />
    </PinDialog>
  );
}
