import { readSyncOverview } from '../../db/syncState';
import { formatRelativeTime, formatTime, t } from '../../i18n';
import { describeSync } from '../../state/syncStatus';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useNow } from '../hooks/useNow';

/** Synced · N pending · offline since · the error and why; with "sync now". */
export function SyncIndicator() {
  const { ctx, actions } = useApp();
  const overview = useLive(() => readSyncOverview(ctx), [ctx]);
  const now = useNow(30_000);
  if (!overview) return null;
  const view = describeSync(overview, (iso) => formatRelativeTime(iso, now), formatTime);
  if (view.state === 'unpaired') {
    return (
      <button type="button" class="button button--quiet sync sync--unpaired" data-sync-state={view.state} onClick={() => actions.toggleSettings(true)}>
        {t(view.message.key, view.message.params)}
      </button>
    );
  }
  return (
    <div class={`sync sync--${view.state}`} data-sync-state={view.state}>
      <div class="sync__text" role="status">
        <span>{t(view.message.key, view.message.params)}</span>
        {view.pending > 0 && view.state !== 'pending' && <span class="sync__pending"> · {t('sync.pending', { count: view.pending })}</span>}
        {view.percent !== undefined && <progress class="sync__progress" max={100} value={view.percent} />}
        {view.rejected && <span class="sync__rejected">{t('sync.rejected', { count: view.rejected.count, message: view.rejected.message })}</span>}
      </div>
      <button type="button" class="button button--quiet" onClick={actions.syncNow}>
        {t('sync.now')}
      </button>
    </div>
  );
}
