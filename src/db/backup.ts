import Dexie from 'dexie';
import { exportDB, importDB } from 'dexie-export-import';
import {
  BACKUP_TABLES,
  backupFileName,
  makeBackupFile,
  verifyBackupText,
  type BackupManifest,
  type DexieExportJson,
} from '../core/backupFile';
import type { DbContext } from './context';
import { isoAt } from './context';
import type { DeviceRow } from './database';
import { rebuildSummaries } from './ledgerRepository';
import { getShop } from './settingsRepository';

// Backups of the whole tablet (owner area, lazy chunk). What a file leaves out, on purpose:
// - the `sync` table: the backend link holds the tablet's device token, a secret a file must
//   not carry; progress and status belong to that link. A restored tablet is unpaired.
// - the device row's owner PIN hash and last-backup time: both are this tablet's own. A file
//   with a PIN hash could be brute-forced offline (4–8 digits), and restoring an old PIN could
//   lock the owner out; a restore keeps the PIN that opened the owner area.

const DEVICE_LOCAL = ['ownerPin', 'lastBackupAt'] as const;

function withoutDeviceLocal(device: DeviceRow): DeviceRow {
  const copy = { ...device };
  for (const field of DEVICE_LOCAL) delete copy[field];
  return copy;
}

export interface BackupDownload {
  blob: Blob;
  fileName: string;
  manifest: BackupManifest;
}

/** The whole database (less the above) as a checked backup file; records the time as this tablet's last backup. */
export async function createBackup(ctx: DbContext): Promise<BackupDownload> {
  const now = ctx.now();
  const shop = await getShop(ctx);
  // One read transaction over every table: the file is a consistent snapshot.
  const exported = await exportDB(ctx.db, {
    skipTables: ['sync'],
    transform: (table, value, key) => ({ value: table === 'device' ? withoutDeviceLocal(value as DeviceRow) : value, key }),
  });
  const dexie = JSON.parse(await exported.text()) as DexieExportJson;
  const file = await makeBackupFile(dexie, { schemaVersion: ctx.db.verno, createdAt: isoAt(now), shopName: shop.name });
  const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
  await ctx.db.transaction('rw', ctx.db.device, async () => {
    const device = await ctx.db.device.get('self');
    if (device) await ctx.db.device.put({ ...device, lastBackupAt: isoAt(now) });
  });
  return { blob, fileName: backupFileName(shop.name, now), manifest: file.manifest };
}

export interface RestoreResult {
  createdAt: string;
  shopName: string;
  members: number;
  events: number;
}

/**
 * Replaces everything on this tablet with a backup file, all or nothing.
 *
 * The file is read and checked whole first (verifyBackupText); a bad file changes nothing.
 * dexie-export-import's own import is not atomic over a live database (it clears the tables in
 * transactions of their own, then reads the file between writes), so it imports into a scratch
 * database instead; its rows are then written to the live one in ONE Dexie transaction over
 * every table — clear, add, unpair, rebuild summaries — which IndexedDB commits or aborts whole.
 * Nothing but IndexedDB requests runs inside it, so it cannot commit half-way.
 */
export async function restoreBackup(ctx: DbContext, source: Blob): Promise<RestoreResult> {
  const file = await verifyBackupText(await source.text(), ctx.db.verno);
  const stagingName = `${ctx.db.name}-restore`;
  await Dexie.delete(stagingName);
  const rows = {} as Record<(typeof BACKUP_TABLES)[number], unknown[]>;
  const staging = await importDB(new Blob([JSON.stringify(file.dexie)]), { name: stagingName });
  try {
    for (const table of BACKUP_TABLES) rows[table] = await staging.table(table).toArray();
  } finally {
    staging.close();
    await Dexie.delete(stagingName);
  }
  for (const table of BACKUP_TABLES) {
    if (rows[table].length !== file.manifest.tables[table]) throw new Error(`backup: ${table} staged ${rows[table].length} rows`);
  }

  const { db } = ctx;
  await db.transaction('rw', [db.members, db.events, db.summaries, db.outbox, db.settings, db.device, db.sync], async () => {
    const current = await db.device.get('self');
    for (const table of BACKUP_TABLES) {
      await db.table(table).clear();
      if (table !== 'device') await db.table(table).bulkAdd(rows[table]);
    }
    const restored = (rows.device as DeviceRow[]).find((row) => row.key === 'self') ?? current;
    if (restored) await db.device.put({ ...withoutDeviceLocal(restored), ownerPin: current?.ownerPin, lastBackupAt: current?.lastBackupAt });
    // Unpaired: the file has no token; the owner connects the tablet again.
    await db.sync.clear();
    // Summaries are a cache of the events: rebuilt (an older schema's lack points and spend).
    await rebuildSummaries(ctx);
  });
  return { createdAt: file.createdAt, shopName: file.shopName, members: file.manifest.tables.members, events: file.manifest.tables.events };
}
