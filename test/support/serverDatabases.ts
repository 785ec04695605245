import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { migrate, readMigrations, type Migration } from '../../server/db/migrate';
import { openDatabase } from '../../server/db/openDatabase';
import { openPglite, type PgliteDatabase } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import type { SqlDatabase } from '../../server/db/sqlDatabase';
import type { ServerStorage } from './serverProcess';

// Server tests run against real databases: an in-memory PGlite always, and a fresh database of
// its own on the PostgreSQL at 127.0.0.1:5432 (required in CI, skipped loudly elsewhere).

const ADMIN_URL = process.env.PUNCHLINE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: SqlDatabase;
  drop(): Promise<void>;
}

export interface PostgresTestDatabase extends TestDatabase {
  name: string;
  /** For another pool, or a server process (DATABASE_URL). */
  url: string;
}

export interface PgliteTestDatabase extends TestDatabase {
  db: PgliteDatabase;
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

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(sql);
  } finally {
    await admin.end({ timeout: 1 });
  }
}

async function openTestDatabase(name: string): Promise<PostgresTestDatabase> {
  const url = databaseUrl(name);
  const db = await openPostgres(url);
  return {
    db,
    name,
    url,
    async drop() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

const newDatabaseName = () => `punchline_test_${Date.now()}_${randomBytes(4).toString('hex')}`;

/** `migrations`: all of them unless told (fewer: a database as an older server left it). */
export async function createPostgresDatabase(migrations: Migration[] = readMigrations()): Promise<PostgresTestDatabase> {
  const name = newDatabaseName();
  await adminQuery(`CREATE DATABASE ${name}`);
  const created = await openTestDatabase(name);
  await migrate(created.db, migrations);
  return created;
}

/**
 * A copy of a database as it is now (`CREATE DATABASE … TEMPLATE`): a backup, or a restore of
 * one. PostgreSQL refuses while anything is connected to the source: close its pools first.
 */
export async function copyPostgresDatabase(sourceName: string): Promise<PostgresTestDatabase> {
  const name = newDatabaseName();
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${sourceName}`);
  return openTestDatabase(name);
}

export async function createPgliteDatabase(migrations: Migration[] = readMigrations()): Promise<PgliteTestDatabase> {
  const db = await openPglite();
  await migrate(db, migrations);
  return { db, drop: () => db.close() };
}

/**
 * The backends every server test runs on, in this environment; `migrations` as for
 * `createPostgresDatabase` (all by default).
 */
export async function serverBackends(migrations?: Migration[]): Promise<[string, () => Promise<TestDatabase>][]> {
  const backends: [string, () => Promise<TestDatabase>][] = [['pglite', () => createPgliteDatabase(migrations)]];
  if (await postgresReachable()) backends.push(['postgres', () => createPostgresDatabase(migrations)]);
  return backends;
}

/**
 * Storage for a server process: a PGlite data directory, or a PostgreSQL database of its own.
 * `open()` gives this test the same data in process, migrated (a PGlite directory only while no
 * server process has it open); `remove()` deletes it all.
 */
export interface ServerStore {
  storage: ServerStorage;
  open(): Promise<SqlDatabase>;
  remove(): Promise<void>;
}

export async function createPgliteStore(): Promise<ServerStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'punchline-data-'));
  return {
    storage: { dataDir },
    open: () => openDatabase({ dataDir }),
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function createPostgresStore(): Promise<ServerStore> {
  const database = await createPostgresDatabase();
  await database.db.close();
  return {
    storage: { databaseUrl: database.url },
    open: () => openDatabase({ databaseUrl: database.url, dataDir: tmpdir() }),
    remove: () => database.drop(),
  };
}

/** The storages every server-process test runs on, in this environment. */
export async function serverStores(): Promise<[string, () => Promise<ServerStore>][]> {
  const stores: [string, () => Promise<ServerStore>][] = [['pglite', createPgliteStore]];
  if (await postgresReachable()) stores.push(['postgres', createPostgresStore]);
  return stores;
}
