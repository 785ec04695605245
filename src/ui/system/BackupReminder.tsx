import { backupReminderDue } from '../../core/backupReminder';
import { readBackupReminderInput } from '../../db/backupState';
import { t } from '../../i18n';
import { useApp } from '../context';
import { useLive } from '../hooks/useLive';
import { useNow } from '../hooks/useNow';

/** A tablet with members, no backend and no backup for 7 days says so on the till. */
export function BackupReminder() {
  const { ctx, actions } = useApp();
  const input = useLive(() => readBackupReminderInput(ctx), [ctx]);
  const now = useNow(3_600_000);
  if (!input || !backupReminderDue(input, now)) return null;
  return (
    <div class="update-banner" role="status" data-testid="backup-reminder">
      <span>{t('backup.reminder')}</span>
      <button type="button" class="button button--quiet" onClick={() => actions.toggleSettings(true)}>
        {t('settings.open')}
      </button>
    </div>
  );
}
