import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import { useApp } from '../context';

interface PinDialogProps {
  title: string;
  help?: string;
  error?: ActionError;
  /** A line under the error that is no failure of this form (the back-off countdown). */
  notice?: string;
  submitLabel: string;
  /** A PIN is being checked or saved. */
  busy: boolean;
  /** The form may not be sent yet (the back-off). */
  disabled?: boolean;
  onSubmit: () => void;
  children: ComponentChildren;
}

/** The gate's dialog: PIN fields, what went wrong, Cancel (back to the till) and the submit button. */
export function PinDialog({ title, help, error, notice, submitLabel, busy, disabled = false, onSubmit, children }: PinDialogProps) {
  const { actions } = useApp();
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="owner-gate-title">
      <h2 id="owner-gate-title">{title}</h2>
      {help && <p>{help}</p>}
      <form
        class="dialog__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {error && (
          <p class="owner-gate__error" role="alert">
            {t(error.key, error.params)}
          </p>
        )}
        {notice && <p class="owner-gate__notice">{notice}</p>}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary button--large" onClick={() => actions.toggleSettings(false)}>
            {t('owner.cancel')}
          </button>
          <button type="submit" class="button button--primary button--large" disabled={busy || disabled}>
            {busy ? t('owner.checking') : submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
