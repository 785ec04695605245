import { join } from 'node:path';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { SqlDatabase } from './sqlDatabase';

/** PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR; migrated before use. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<SqlDatabase> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(join(options.dataDir, 'pglite'));
  await migrate(db);
  return db;
}
