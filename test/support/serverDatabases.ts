import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import type { SqlDatabase } from '../../server/db/sqlDatabase';

// Server tests run against real databases: an in-memory PGlite always, and a fresh database of
// its own on the PostgreSQL at 127.0.0.1:5432 (required in CI, skipped loudly elsewhere).

const ADMIN_URL = process.env.PUNCHLINE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: SqlDatabase;
  drop(): Promise<void>;
}

export async function postgresReachable(): Promise<boolean> {
  const admin = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => undefined });
  try {
    await admin`select 1`;
    return true;
  } catch (error) {
    const message = `PostgreSQL is not reachable at ${ADMIN_URL} (${(error as Error).message}). Install and start it (Debian: apt-get install -y postgresql; trust auth for user postgres on 127.0.0.1).`;
    if (process.env.CI) throw new Error(message);
    console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING POSTGRESQL TESTS — ${message}\n${'!'.repeat(100)}\n`);
    return false;
  } finally {
    await admin.end({ timeout: 1 });
  }
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `punchline_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 1 });
    },
  };
}

export async function createPgliteDatabase(): Promise<TestDatabase> {
  const db = await openPglite();
  await migrate(db);
  return { db, drop: () => db.close() };
}

/** The backends every server test runs on, in this environment. */
export async function serverBackends(): Promise<[string, () => Promise<TestDatabase>][]> {
  const backends: [string, () => Promise<TestDatabase>][] = [['pglite', createPgliteDatabase]];
  if (await postgresReachable()) backends.push(['postgres', createPostgresDatabase]);
  return backends;
}
