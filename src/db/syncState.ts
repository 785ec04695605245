import type { DbContext } from './context';
import type { SyncLinkRow, SyncProgressRow, SyncStatusRow } from './database';

// Reads of the sync table that the till needs from its first paint (the status indicator, the
// connect form), kept apart from the sync engine's storage (syncRepository.ts), which loads
// with the engine after start-up.

export const NO_PROGRESS: SyncProgressRow = { key: 'progress', cursor: 0, ackedMid: 0, headSeq: 0 };
export const NO_STATUS: SyncStatusRow = { key: 'status', running: false, rejections: [] };

export async function getSyncLink(ctx: DbContext): Promise<SyncLinkRow | undefined> {
  const row = await ctx.db.sync.get('link');
  return row?.key === 'link' ? row : undefined;
}

export async function getSyncProgress(ctx: DbContext): Promise<SyncProgressRow> {
  const row = await ctx.db.sync.get('progress');
  return row?.key === 'progress' ? row : NO_PROGRESS;
}

export async function getSyncStatus(ctx: DbContext): Promise<SyncStatusRow> {
  const row = await ctx.db.sync.get('status');
  return row?.key === 'status' ? row : NO_STATUS;
}

export async function updateSyncStatus(ctx: DbContext, change: (status: SyncStatusRow) => SyncStatusRow): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.sync, async () => {
    await ctx.db.sync.put(change(await getSyncStatus(ctx)));
  });
}

export async function pendingMutationCount(ctx: DbContext): Promise<number> {
  return ctx.db.outbox.count();
}

export interface SyncOverview {
  link?: SyncLinkRow;
  progress: SyncProgressRow;
  status: SyncStatusRow;
  pending: number;
}

/**
 * Everything the status indicator shows, in one read (and one liveQuery). Unpaired, it shows no
 * count, so it does not read the outbox: a punch then wakes no indicator query.
 */
export async function readSyncOverview(ctx: DbContext): Promise<SyncOverview> {
  const link = await getSyncLink(ctx);
  if (!link) return { progress: NO_PROGRESS, status: NO_STATUS, pending: 0 };
  const [progress, status, pending] = await Promise.all([getSyncProgress(ctx), getSyncStatus(ctx), pendingMutationCount(ctx)]);
  return { link, progress, status, pending };
}
