import { describe, expect, it } from 'vitest';
import { analyzeStaleTables } from '../../server/db/autoAnalyze';
import { createPgliteDatabase } from '../support/serverDatabases';
import { businessWithDevices, openSyncTestApp, rawSyncClient } from '../support/syncServer';
import { eventRecord, memberRecord, numbered } from '../support/records';

// PGlite has no autovacuum: the embedded server analyzes changed tables itself, or a pull far
// behind the head would read and sort every later row instead of walking the index.

describe('statistics for the embedded database', () => {
  // A new PGlite data directory alone takes ≈ 4.5 s (initdb), more on a busy machine.
  it('analyzes the tables a push changed (the bench shows the pull plans it then gets)', { timeout: 30_000 }, async () => {
    const { handle, app, close } = await openSyncTestApp(createPgliteDatabase);
    try {
      const { devices } = await businessWithDevices(handle.db, 1);
      const device = devices[0]!;
      const members = Array.from({ length: 250 }, () => memberRecord(device.deviceId));
      await rawSyncClient(app, device.token).push(numbered(members.flatMap((member) => [{ kind: 'member.upsert', member }, { kind: 'event.append', event: eventRecord(device.deviceId, member.id) }])));
      const analyzed = () => handle.db.query<{ relname: string }>("SELECT relname FROM pg_stat_user_tables WHERE relname IN ('members', 'events') AND last_analyze IS NOT NULL");
      expect(await analyzed()).toEqual([]);

      await analyzeStaleTables(handle.db);
      expect((await analyzed()).map((r) => r.relname).sort()).toEqual(['events', 'members']);
    } finally {
      await close();
    }
  });
});
