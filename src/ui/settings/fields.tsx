import type { ComponentChildren, Ref } from 'preact';
import { minorToDecimal } from '../../core/money';
import { formatMoney } from '../../i18n';
import { minorDigitsOf, type ProgramForm } from './programForm';

// The settings form's inputs: a label over each, values kept as typed (programForm.ts reads them).

interface InputProps {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  hint?: ComponentChildren;
}

export function TextInput({ label, name, value, onInput, hint, maxLength, inputRef }: InputProps & { maxLength: number; inputRef?: Ref<HTMLInputElement> }) {
  return (
    <>
      <label class="field">
        <span class="field__label">{label}</span>
        <input ref={inputRef} class="field__input" name={name} maxLength={maxLength} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      </label>
      {hint}
    </>
  );
}

export function WholeInput({ label, name, value, onInput, hint }: InputProps) {
  return (
    <>
      <label class="field">
        <span class="field__label">{label}</span>
        <input class="field__input" name={name} type="number" inputMode="numeric" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      </label>
      {hint}
    </>
  );
}

/** An amount in the shop currency, typed as text so that "12,50" and "12.50" both read (parseAmount). */
export function MoneyInput({ label, name, value, onInput, hint, currency }: InputProps & { currency: string }) {
  return (
    <>
      <label class="field">
        <span class="field__label">{label}</span>
        <span class="money-input">
          <input class="field__input" name={name} inputMode="decimal" autoComplete="off" value={value} onInput={(e) => onInput(e.currentTarget.value)} />
          <span class="money-input__unit" aria-hidden="true">
            {currency.trim().toUpperCase()}
          </span>
        </span>
      </label>
      {hint}
    </>
  );
}

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
  /** A line under the option, read out with it. */
  help?: string;
  disabled?: boolean;
}

/** Radio buttons in a fieldset: one of a few values. */
export function Choice<T extends string>({ legend, name, value, options, onChange, children }: { legend: string; name: string; value: T; options: ChoiceOption<T>[]; onChange: (value: T) => void; children?: ComponentChildren }) {
  return (
    <fieldset class="choice">
      <legend class="field__label">{legend}</legend>
      {options.map((option) => {
        const helpId = option.help ? `${name}-${option.value}-help` : undefined;
        return (
          <div key={option.value} class="choice__option">
            <label class="check">
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                disabled={option.disabled}
                aria-describedby={helpId}
                onChange={() => onChange(option.value)}
              />
              <span>{option.label}</span>
            </label>
            {option.help && (
              <p id={helpId} class="field__hint choice__help">
                {option.help}
              </p>
            )}
          </div>
        );
      })}
      {children}
    </fieldset>
  );
}

/** The rows with row `id` patched: how the catalogue and tier editors change one row. */
export function patchRow<R extends { id: string }>(rows: readonly R[], id: string, patch: Partial<R>): R[] {
  return rows.map((row) => (row.id === id ? { ...row, ...patch } : row));
}

/** The ✕ that ends an editable row; `label` says which row it removes. */
export function RemoveRowButton({ label, disabled, onClick }: { label: string; disabled?: boolean; onClick: () => void }) {
  return (
    <button type="button" class="button button--quiet" aria-label={label} disabled={disabled} onClick={onClick}>
      ✕
    </button>
  );
}

/** What each program section gets: the form, a way to change part of it, and the currency as typed. */
export interface ProgramSectionProps {
  form: ProgramForm;
  set: (patch: Partial<ProgramForm>) => void;
  currency: string;
}

/** An amount for a hint or example; the currency may be half typed ("EU"), which Intl refuses. */
export function moneyText(minor: number, currency: string): string {
  const code = currency.trim().toUpperCase();
  try {
    return formatMoney(minor, code);
  } catch {
    return `${minorToDecimal(minor, minorDigitsOf(code))} ${code}`;
  }
}
