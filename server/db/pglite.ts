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

/** Embedded Postgres in `dataDir` (created on first use), or in memory when `dataDir` is absent. */
export async function openPglite(dataDir?: string): Promise<SqlDatabase> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return {
    kind: 'pglite',
    ...client(db),
    transaction: (work) => db.transaction((tx) => work(client(tx))),
    close: () => db.close(),
  };
}
