import type { Ref } from 'preact';
import { PIN_MAX_DIGITS } from '../../core/ownerPin';

interface PinFieldProps {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  /** `new-password` for a PIN being chosen, `off` for one being typed: the till is shared. */
  autoComplete: 'new-password' | 'off';
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A masked PIN field that brings up the number pad on tablets. */
export function PinField({ label, name, value, onInput, autoComplete, disabled = false, inputRef }: PinFieldProps) {
  return (
    <label class="field">
      <span class="field__label">{label}</span>
      <input
        ref={inputRef}
        class="field__input pin-field"
        name={name}
        type="password"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete={autoComplete}
        maxLength={PIN_MAX_DIGITS}
        value={value}
        disabled={disabled}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </label>
  );
}
