import type { Ref } from 'preact';
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../../core/ownerPin';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import { PinField } from './PinField';

interface NewPinFieldsProps {
  pin: string;
  repeat: string;
  onPin: (value: string) => void;
  onRepeat: (value: string) => void;
  pinRef?: Ref<HTMLInputElement>;
}

/** A new owner PIN, typed twice (it is masked). */
export function NewPinFields({ pin, repeat, onPin, onRepeat, pinRef }: NewPinFieldsProps) {
  return (
    <>
      <PinField label={t('owner.newPin', { min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS })} name="newPin" value={pin} onInput={onPin} autoComplete="new-password" inputRef={pinRef} />
      <PinField label={t('owner.repeatPin')} name="repeatPin" value={repeat} onInput={onRepeat} autoComplete="new-password" />
    </>
  );
}
