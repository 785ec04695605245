import { useMemo, useRef, useState } from 'preact/hooks';
import { readBackupReminderInput } from '../../db/backupState';
import { formatDateTime, t } from '../../i18n';
import '../../i18n/parts/owner.en';
import type { ActionError } from '../../state/actionError';
import { createBackupActions } from '../../state/backupActions';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { downloadBlob } from './download';

type Status = { kind: 'idle' } | { kind: 'busy'; message: 'backup.preparing' | 'backup.restoring' } | { kind: 'done'; message: string; reconnect?: boolean } | { kind: 'error'; error: ActionError };

/** Settings → Backup: download the whole tablet as a checked file, or restore one (after a confirmation). */
export function BackupSection() {
  const { ctx, store } = useApp();
  const actions = useMemo(() => createBackupActions(ctx, store), [ctx, store]);
  const saved = useLive(() => readBackupReminderInput(ctx), [ctx]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [chosen, setChosen] = useState<{ file: File; createdAt: string; shopName: string }>();
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = status.kind === 'busy';

  async function download() {
    setStatus({ kind: 'busy', message: 'backup.preparing' });
    const outcome = await actions.createBackup();
    if (!outcome.ok) return setStatus({ kind: 'error', error: outcome.error });
    const { blob, fileName, manifest } = outcome.value;
    downloadBlob(blob, fileName);
    setStatus({ kind: 'done', message: t('backup.downloaded', { file: fileName, count: manifest.tables.members }) });
  }

  async function choose(file: File | undefined) {
    setChosen(undefined);
    if (!file) return;
    // What the confirmation names (the file is checked in full only on restore).
    let meta: { createdAt?: unknown; shopName?: unknown } = {};
    try {
      meta = JSON.parse(await file.text()) as typeof meta;
    } catch {
      // Refused with its reason when restored.
    }
    setStatus({ kind: 'idle' });
    setChosen({
      file,
      createdAt: typeof meta.createdAt === 'string' ? formatDateTime(meta.createdAt) : '?',
      shopName: typeof meta.shopName === 'string' ? meta.shopName : '?',
    });
  }

  async function restore() {
    if (!chosen) return;
    setStatus({ kind: 'busy', message: 'backup.restoring' });
    const outcome = await actions.restoreBackup(chosen.file);
    setChosen(undefined);
    if (fileInput.current) fileInput.current.value = '';
    if (!outcome.ok) return setStatus({ kind: 'error', error: outcome.error });
    const { createdAt, members } = outcome.value;
    setStatus({ kind: 'done', message: t('backup.restored', { time: formatDateTime(createdAt), count: members }), reconnect: true });
  }

  return (
    <section class="backup" aria-labelledby="backup-title">
      <h3 id="backup-title">{t('backup.title')}</h3>
      <p>{t('backup.help')}</p>
      <p data-testid="backup-last">
        {saved?.lastBackupAt ? t('backup.last', { time: formatDateTime(saved.lastBackupAt) }) : t('backup.never')}
      </p>
      <div class="dialog__actions">
        <button type="button" class="button button--primary button--large" disabled={busy} onClick={() => void download()}>
          {t('backup.download')}
        </button>
      </div>
      <p>{t('backup.leftOut')}</p>
      <h4>{t('backup.restoreTitle')}</h4>
      <label class="field">
        <span class="field__label">{t('backup.chooseFile')}</span>
        <input
          ref={fileInput}
          class="field__input"
          name="backupFile"
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => void choose(event.currentTarget.files?.[0])}
        />
      </label>
      {chosen && (
        <div class="backup__confirm" role="alertdialog" aria-labelledby="backup-confirm-text">
          <p id="backup-confirm-text">{t('backup.confirm', { time: chosen.createdAt, shop: chosen.shopName })}</p>
          <div class="dialog__actions">
            <button
              type="button"
              class="button button--secondary button--large"
              onClick={() => {
                setChosen(undefined);
                if (fileInput.current) fileInput.current.value = '';
              }}
            >
              {t('backup.cancel')}
            </button>
            <button type="button" class="button button--primary button--large" onClick={() => void restore()}>
              {t('backup.confirmButton')}
            </button>
          </div>
        </div>
      )}
      {status.kind === 'busy' && <p role="status">{t(status.message)}</p>}
      {status.kind === 'done' && (
        <p class="backup__result" role="status">
          {status.message}
          {status.reconnect && <> {t('backup.reconnect')}</>}
        </p>
      )}
      {status.kind === 'error' && (
        <p class="backup__error" role="alert">
          {t(status.error.key, status.error.params)}
        </p>
      )}
    </section>
  );
}
