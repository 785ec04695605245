import type { BackupDownload, RestoreResult } from '../db/backup';
import type { DbContext } from '../db/context';
import { actionErrorOf, type ActionError } from './actionError';
import { isOwnerSessionOpen } from './ownerActions';
import type { TillStore } from './store';

// Settings → Backup. Loaded with the owner area's backup section, never with the till; the
// backup code itself (dexie-export-import) loads on the first tap.

export type BackupOutcome<T> = { ok: true; value: T } | { ok: false; error: ActionError };

export function createBackupActions(ctx: DbContext, store: TillStore) {
  const ownerSessionOpen = () => isOwnerSessionOpen(store.getState(), ctx.now());
  const locked: BackupOutcome<never> = { ok: false, error: { key: 'owner.locked', params: {} } };

  return {
    /** A backup file of the whole tablet, for the section to hand to the browser as a download. */
    async createBackup(): Promise<BackupOutcome<BackupDownload>> {
      if (!ownerSessionOpen()) return locked;
      try {
        const { createBackup } = await import('../db/backup');
        return { ok: true, value: await createBackup(ctx) };
      } catch (error) {
        return { ok: false, error: actionErrorOf(error, 'error.storage') };
      }
    },

    /** Replaces everything on this tablet with the file's data (checked first; all or nothing). */
    async restoreBackup(file: Blob): Promise<BackupOutcome<RestoreResult>> {
      if (!ownerSessionOpen()) return locked;
      store.setState((s) => ({ writesInFlight: s.writesInFlight + 1 }));
      try {
        const { restoreBackup } = await import('../db/backup');
        const result = await restoreBackup(ctx, file);
        // Whatever the till had open may be gone: back to an empty till.
        store.setState({
          screen: 'till',
          query: '',
          selectedMemberId: undefined,
          lastAction: undefined,
          cooldownPrompt: undefined,
          cardMemberId: undefined,
          pendingCard: undefined,
          enrollCardCode: undefined,
          purchaseCount: 1,
          purchaseAmountMinor: 0,
        });
        return { ok: true, value: result };
      } catch (error) {
        return { ok: false, error: actionErrorOf(error, 'error.storage') };
      } finally {
        store.setState((s) => ({ writesInFlight: s.writesInFlight - 1 }));
      }
    },
  };
}

export type BackupActions = ReturnType<typeof createBackupActions>;
