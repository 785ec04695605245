import { dismissUpdate, requestUpdate } from '../../pwa/bridge';
import { t } from '../../i18n';
import { useApp } from '../context';
import { useTillState } from '../hooks/useTillState';

/** Offers a new version; it is applied only when tapped, and only between sales. */
export function UpdateBanner() {
  const { store } = useApp();
  const available = useTillState((s) => s.updateAvailable);
  const requested = useTillState((s) => s.updateRequested);
  if (!available) return null;
  return (
    <div class="update-banner" role="status">
      <span>{requested ? t('update.waiting') : t('update.available')}</span>
      {!requested && (
        <>
          <button type="button" class="button button--primary" onClick={() => requestUpdate(store)}>
            {t('update.apply')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => dismissUpdate(store)}>
            {t('update.later')}
          </button>
        </>
      )}
    </div>
  );
}
