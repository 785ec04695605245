import type { SqlDatabase } from './sqlDatabase';

// PGlite runs PostgreSQL in single-user mode, without the autovacuum daemon, so nothing ever
// ANALYZEs its tables. With no statistics the planner guesses a handful of rows for a pull's
// `seq > cursor` range and picks a bitmap scan that reads and sorts every row after the cursor,
// for every page, instead of walking the (business_id, seq) index: a first sync of 100k members
// and 500k events cost ~1.5 s of server time a page, over 600 pages. So the embedded server does
// autovacuum's analyze itself, by its rule: a table whose changes since its last analyze exceed
// 50 rows + 10 % of its rows (or that was never analyzed) is analyzed, checked every minute.

const CHECK_EVERY_MS = 60_000;

const STALE_TABLES = `SELECT quote_ident(schemaname) || '.' || quote_ident(relname) AS name FROM pg_stat_user_tables
  WHERE n_mod_since_analyze > 50 + 0.1 * n_live_tup OR COALESCE(last_analyze, last_autoanalyze) IS NULL`;

/** One pass: ANALYZE every table that autovacuum would (until `stopped` says otherwise). */
export async function analyzeStaleTables(db: SqlDatabase, stopped: () => boolean = () => false): Promise<void> {
  for (const { name } of await db.query<{ name: string }>(STALE_TABLES)) {
    if (!stopped()) await db.query(`ANALYZE ${name}`);
  }
}

/** Starts at once and checks every `everyMs`; `stop` waits for a running ANALYZE before the database closes. */
export function analyzeWhenStale(db: SqlDatabase, everyMs = CHECK_EVERY_MS): { stop(): Promise<void> } {
  let stopped = false;
  let running = Promise.resolve();
  const check = () => {
    running = running
      .then(() => (stopped ? undefined : analyzeStaleTables(db, () => stopped)))
      .catch((error: unknown) => console.error('[server] ANALYZE failed:', error));
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
