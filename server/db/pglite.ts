import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlDatabase } from './sqlDatabase';

type PgliteQuerier = Pick<PGlite, 'query' | 'exec'>;

function client(db: PgliteQuerier): SqlClient {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(text, [...params])).rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

export interface PgliteDatabase extends SqlDatabase {
  readonly kind: 'pglite';
  /** The whole data directory as a tarball: a backup, opened again with `openPglite(…, { loadDataDir })`. */
  dumpDataDir(): Promise<Blob>;
}

/**
 * Embedded Postgres in `dataDir` (created on first use), or in memory when `dataDir` is absent;
 * `loadDataDir` starts it from a tarball made by `dumpDataDir` (a restore).
 */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteDatabase> {
  const db = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  await db.waitReady;
  return {
    kind: 'pglite',
    ...client(db),
    transaction: (work) => db.transaction((tx) => work(client(tx))),
    close: () => db.close(),
    dumpDataDir: () => db.dumpDataDir('none'),
  };
}
