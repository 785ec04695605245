import { useEffect, useRef, useState } from 'preact/hooks';
import { readDatabaseReport, type DatabaseReport } from '../../db/diagnostics';
import { formatBytes, t } from '../../i18n';
import '../../i18n/parts/diagnostics.en';
import { readStorageReport, type StorageReport } from '../../pwa/storage';
import { useApp } from '../context';

/** What support asks first: version, whether storage is persistent, how full it is. */
export function Diagnostics() {
  const { ctx, actions } = useApp();
  const [storage, setStorage] = useState<StorageReport>();
  const [database, setDatabase] = useState<DatabaseReport>();
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    close.current?.focus();
    void readStorageReport().then(setStorage);
    void readDatabaseReport(ctx).then(setDatabase);
  }, [ctx]);

  const usage =
    storage?.usageBytes !== undefined && storage.quotaBytes !== undefined
      ? t('diag.usageValue', { used: formatBytes(storage.usageBytes), quota: formatBytes(storage.quotaBytes) })
      : t('diag.unknown');
  const rows: [string, string][] = [
    [t('diag.version'), __APP_VERSION__],
    [t('diag.persisted'), storage?.persisted === undefined ? t('diag.unknown') : storage.persisted ? t('diag.persistedYes') : t('diag.persistedNo')],
    [t('diag.usage'), usage],
    [t('diag.members'), database ? String(database.members) : '…'],
    [t('diag.pending'), database ? String(database.pendingMutations) : '…'],
    [t('diag.device'), database?.deviceId ?? '…'],
    [t('diag.online'), navigator.onLine ? t('diag.onlineYes') : t('diag.onlineNo')],
  ];
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="diag-title">
      <h2 id="diag-title">{t('diag.title')}</h2>
      <dl class="diagnostics">
        {rows.map(([label, value]) => (
          <div key={label} class="diagnostics__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <button ref={close} type="button" class="button button--primary" onClick={() => actions.toggleDiagnostics(false)}>
        {t('diag.close')}
      </button>
    </div>
  );
}
