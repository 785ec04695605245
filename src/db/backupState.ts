import type { BackupReminderInput } from '../core/backupReminder';
import type { DbContext } from './context';
import { getSyncLink } from './syncState';

// What the till's backup reminder needs, in one small read (initial bundle; the backup itself is
// a lazy chunk, db/backup.ts).

export async function readBackupReminderInput(ctx: DbContext): Promise<BackupReminderInput> {
  const [link, device, oldestMember, oldestEvent] = await Promise.all([
    getSyncLink(ctx),
    ctx.db.device.get('self'),
    ctx.db.members.orderBy('updatedAt').first(),
    ctx.db.events.orderBy('at').first(),
  ]);
  const oldest = oldestMember && (oldestEvent && oldestEvent.at < oldestMember.updatedAt ? oldestEvent.at : oldestMember.updatedAt);
  return { linked: link !== undefined, lastBackupAt: device?.lastBackupAt, oldestDataAt: oldest };
}
