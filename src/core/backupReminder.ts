import type { Iso } from './types';

// A tablet with no backend keeps its members only in its own browser storage: after a week
// without a backup the till says so. Pure, time passed in.

export const BACKUP_REMINDER_MS = 7 * 24 * 60 * 60 * 1000;

export interface BackupReminderInput {
  /** Paired with a backend: the server holds a copy, no reminder. */
  linked: boolean;
  /** When this tablet last made a backup file. */
  lastBackupAt?: Iso;
  /** The oldest member or ledger entry on the tablet; absent when it has no member. */
  oldestDataAt?: Iso;
}

/** True when an unpaired tablet with members has had no backup (or, never backed up, data) for 7 days. */
export function backupReminderDue(input: BackupReminderInput, now: number): boolean {
  if (input.linked || input.oldestDataAt === undefined) return false;
  const since = Date.parse(input.lastBackupAt ?? input.oldestDataAt);
  return !(now - since < BACKUP_REMINDER_MS);
}
