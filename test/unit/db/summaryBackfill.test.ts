import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../../src/core/ledger';
import type { LedgerEvent, MemberSummary } from '../../../src/core/types';
import { PunchlineDatabase, type MemberRow } from '../../../src/db/database';
import { exportMembersCsv } from '../../../src/db/memberExport';
import { backfillSummaries } from '../../../src/db/summaryBackfill';
import { getOrCreateDevice } from '../../../src/db/deviceRepository';
import { databaseAtVersion } from '../../support/olderSchemas';

// Version 4 gives summaries `latestVisits` and `expiringEarnings` (what the export needs to leave
// the ledger unread): a tablet upgraded from version 3 opens at once, exports correctly from the
// ledger, and refolds its old summaries in the background (summaryBackfill.ts).


const JOINED = '2025-01-01T10:00:00.000Z';
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 10)).toISOString();

function event(id: string, memberId: string, day: number, fields: Partial<LedgerEvent>): LedgerEvent {
  return { id, memberId, kind: 'stamp', deviceId: 'd', at: at(day), hlc: `${at(day)}-${id}`, programVersion: 1, ...fields };
}

function member(id: string): MemberRow {
  return {
    id,
    cardCodes: [`card-${id}`],
    name: id,
    consent: { marketing: true, at: JOINED, textVersion: 'v' },
    createdAt: JOINED,
    updatedAt: JOINED,
    clock: {},
    namePhrases: [id],
  };
}

describe('a tablet upgraded from schema version 3', () => {
  it('exports as before, then the backfill refolds every old summary with its latest visits and expiring earnings', async () => {
    const name = `upgrade-v3-${Date.now()}-${Math.random()}`;
    const old = databaseAtVersion(name, 3);
    const events: LedgerEvent[] = [
      event('a1', 'ma', 2, { stamps: 1 }),
      event('a2', 'ma', 5, { stamps: 2 }),
      event('a3', 'ma', 9, { stamps: 1 }),
      event('av', 'ma', 9, { kind: 'void', voidsId: 'a3' }),
      event('b1', 'mb', 3, { kind: 'earn', points: 40, amountMinor: 4_000, expiresAt: at(28) }),
      event('b2', 'mb', 4, { kind: 'redeem', points: -10 }),
      ...Array.from({ length: 12 }, (_, k) => event(`c${k}`, 'mc', 1 + k, { stamps: 1 })),
    ];
    // The summaries as version 3 kept them (the fields of then); a fourth member has none.
    const stored: MemberSummary[] = ['ma', 'mb', 'mc'].map((id) => {
      const { latestVisits: _latest, expiringEarnings: _expiring, ...then } = foldEvents(id, events.filter((e) => e.memberId === id));
      return then;
    });
    await old.table('members').bulkPut(['ma', 'mb', 'mc', 'md'].map(member));
    await old.table('events').bulkPut(events);
    await old.table('summaries').bulkPut(stored);
    old.close();

    const db = new PunchlineDatabase(name);
    const ctx = { db, now: () => Date.parse(at(20)), random: Math.random };
    expect(await db.summaries.toArray()).toEqual(stored);
    expect(db.verno).toBe(4);
    const exportRows = async () => {
      const file = await exportMembersCsv(ctx, { consentingOnly: false, delimiter: ',' });
      return (await file.blob.text()).replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
    };
    const before = await exportRows();

    await getOrCreateDevice(ctx);
    expect(await backfillSummaries(ctx)).toBe(3);
    expect((await db.device.get('self'))?.summariesBackfilled).toBe(true);
    // Done once: a later start-up does not scan again, even if a summary looked old.
    await db.summaries.put(stored[0]!);
    expect(await backfillSummaries(ctx)).toBe(0);
    await db.summaries.put(foldEvents('ma', events.filter((e) => e.memberId === 'ma')));
    const summaries = await db.summaries.toArray();
    expect(summaries).toEqual(['ma', 'mb', 'mc'].map((id) => foldEvents(id, events.filter((e) => e.memberId === id))));
    expect(summaries.map((s) => [s.memberId, s.latestVisits, s.expiringEarnings])).toEqual([
      ['ma', [at(5), at(2)], 0],
      ['mb', [at(3)], 1],
      ['mc', [12, 11, 10, 9, 8, 7, 6, 5].map(at), 0],
    ]);
    // The export of the upgraded tablet, before the backfill (from the ledger) and after it.
    const rows = await exportRows();
    expect(rows).toEqual(before);
    expect(rows.slice(1).map((row) => [row[1], row[8], row[9], row[10], row[13]])).toEqual([
      ['ma', '2', '3', '0', 'regular'],
      // 40 points earned, 10 spent; the rest expires on the 28th.
      ['mb', '1', '0', '30', 'regular'],
      ['mc', '12', '12', '0', 'loyal'],
      // Joined long ago, never came.
      ['md', '0', '0', '0', 'lapsed'],
    ]);
    db.close();
    await Dexie.delete(name);
  });
});
