import Dexie from 'dexie';

// The app's database as older versions declared it (src/db/database.ts keeps every version): a
// test writes rows as such a tablet did, closes it, and opens it with today's PunchlineDatabase.

const VERSIONS: ((db: Dexie) => void)[] = [
  (db) =>
    db.version(1).stores({
      members: 'id, *cardCodes, phoneRev, *namePhrases, updatedAt',
      events: 'id, memberId, voidsId, at',
      summaries: 'memberId, lastVisitAt',
      outbox: '++seq',
      settings: 'key',
      device: 'key',
    }),
  (db) => db.version(2).stores({ sync: 'key' }),
  (db) => db.version(3).stores({ events: 'id, memberId, voidsId, at, rewardId' }),
];

/** A database named `name` declared up to schema `version` (1–3), without upgrade steps. */
export function databaseAtVersion(name: string, version: number): Dexie {
  const db = new Dexie(name);
  for (const declare of VERSIONS.slice(0, version)) declare(db);
  return db;
}
