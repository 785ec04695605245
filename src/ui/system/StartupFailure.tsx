import { t } from '../../i18n';

/** Shown instead of the till when IndexedDB cannot be opened (blocked, disabled, corrupted). */
export function StartupFailure({ error }: { error: unknown }) {
  const detail = error instanceof Error ? error.name : String(error);
  return (
    <div class="dialog" role="alert">
      <p>{t('startup.failed', { detail })}</p>
      <button type="button" class="button button--primary button--large" onClick={() => location.reload()}>
        {t('startup.reload')}
      </button>
    </div>
  );
}
