import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/calendar';
import { csvDelimiterFor, decimalSeparatorFor, CSV_BOM } from '../../../src/core/csv';
import { foldEvents } from '../../../src/core/ledger';
import { isExported, memberExportRows } from '../../../src/core/memberExport';
import { currencyMinorDigits } from '../../../src/core/money';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import type { LedgerEvent, LoyaltyProgram, MemberSummary } from '../../../src/core/types';
import { isoAt, type DbContext } from '../../../src/db/context';
import type { MemberRow } from '../../../src/db/database';
import { EXPORT_CHUNK_SIZE, exportMembersCsv } from '../../../src/db/memberExport';
import { enrollMember } from '../../../src/db/memberRepository';
import { fromMemberRow } from '../../../src/db/memberRows';
import { getProgram, getShop } from '../../../src/db/settingsRepository';
import { saveSettings } from '../../../src/db/settingsChanges';
import { recordPunch, recordPurchase, voidEntry } from '../../../src/db/tillRepository';
import { makeTestContext } from '../../support/dbContext';

// The export takes balances, tier and segment from the summary rows where they can tell, and reads
// events only for chunks that need them. Its file must be exactly the one the per-member fold of
// every member's events gives (as the export did before).

const DAY = 86_400_000;

/** The file as the export built it before: every member's events folded, in primary-key order. */
async function referenceCsv(ctx: DbContext, consentingOnly: boolean): Promise<string> {
  const [shop, program] = await Promise.all([getShop(ctx), getProgram(ctx)]);
  const builder = memberExportRows(
    program,
    { delimiter: csvDelimiterFor(shop.locale), decimalSeparator: decimalSeparatorFor(shop.locale), minorDigits: currencyMinorDigits(shop.currency) },
    isoAt(ctx.now()),
  );
  const [members, summaries, events] = await Promise.all([ctx.db.members.orderBy(':id').toArray(), ctx.db.summaries.toArray(), ctx.db.events.toArray()]);
  let text = CSV_BOM + builder.header();
  for (const row of members) {
    if (!isExported(row, consentingOnly)) continue;
    const summary = summaries.find((s) => s.memberId === row.id);
    text += builder.row(fromMemberRow(row), summary, events.filter((e) => e.memberId === row.id));
  }
  return text;
}

async function exportedText(ctx: DbContext, consentingOnly: boolean): Promise<string> {
  const file = await exportMembersCsv(ctx, { consentingOnly, delimiter: 'auto' });
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.blob.arrayBuffer());
}

/** Members written straight into the tables, ledgers of every shape (seeded, so repeatable). */
async function addGeneratedMembers(ctx: DbContext, count: number, withExpiry: boolean): Promise<void> {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const now = ctx.now();
  const members: MemberRow[] = [];
  const events: LedgerEvent[] = [];
  const summaries: MemberSummary[] = [];
  for (let i = 0; i < count; i++) {
    const id = `g${String(i).padStart(6, '0')}`;
    const joinedMs = now - Math.floor(random() * 400) * DAY;
    const joined = new Date(joinedMs).toISOString();
    members.push({
      id,
      cardCodes: [String(200000 + i)],
      name: `Member ${i}`,
      consent: { marketing: random() < 0.5, at: joined, textVersion: 'v' },
      createdAt: joined,
      updatedAt: joined,
      ...(random() < 0.02 ? { deletedAt: joined } : {}),
      clock: {},
      namePhrases: [],
    });
    const own: LedgerEvent[] = [];
    const visits = Math.floor(random() * 12);
    for (let k = 0; k < visits; k++) {
      const at = new Date(joinedMs + Math.floor(random() * (now - joinedMs))).toISOString();
      const kind = random() < 0.5 ? 'stamp' : 'earn';
      own.push({
        id: `${id}-e${k}`,
        memberId: id,
        kind,
        ...(kind === 'stamp' ? { stamps: 1 + Math.floor(random() * 2) } : { points: Math.floor(random() * 100), amountMinor: Math.floor(random() * 10_000) }),
        ...(withExpiry && random() < 0.5 ? { expiresAt: addDays(at, 30 + Math.floor(random() * 200)) } : {}),
        deviceId: 'd',
        at,
        hlc: `${at}-${k}`,
        programVersion: 1,
      });
    }
    if (own.length && random() < 0.2) {
      const voided = own[Math.floor(random() * own.length)]!;
      own.push({ id: `${id}-v`, memberId: id, kind: 'void', voidsId: voided.id, deviceId: 'd', at: voided.at, hlc: `${voided.hlc}-v`, programVersion: 1 });
    }
    if (own.length && random() < 0.1) {
      const at = own.at(-1)!.at;
      own.push({ id: `${id}-r`, memberId: id, kind: 'redeem', stamps: -10, points: -50, deviceId: 'd', at, hlc: `${at}-r`, programVersion: 1 });
    }
    events.push(...own);
    const r = random();
    // Most summaries as the app keeps them now; some written before latestVisits existed; a few missing.
    if (r < 0.9) summaries.push(foldEvents(id, own));
    else if (r < 0.97) {
      const { latestVisits: _latest, expiringEarnings: _expiring, ...old } = foldEvents(id, own);
      summaries.push(old);
    }
  }
  await ctx.db.transaction('rw', ctx.db.members, ctx.db.events, ctx.db.summaries, async () => {
    await Promise.all([ctx.db.members.bulkAdd(members), ctx.db.events.bulkAdd(events), ctx.db.summaries.bulkAdd(summaries)]);
  });
}

const tiers = [
  { id: 'b', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
  { id: 's', name: 'Silver', threshold: 3, multiplierPercent: 125 },
  { id: 'g', name: 'Gold', threshold: 6, multiplierPercent: 150 },
];

const programs: [string, Partial<LoyaltyProgram>, boolean][] = [
  ['a stamp card, nothing expires (events read only where needed)', {}, false],
  ['stamps that expire', { stampExpiryDays: 60 }, true],
  ['points expiring after inactivity, tiers by spend', { mode: 'points', catalogue: [{ id: 'c', name: 'Coffee', cost: 100 }], pointsExpiry: 'afterInactivity', pointsExpiryMonths: 2, tiers: tiers.map((t) => ({ ...t, threshold: t.threshold * 3_000 })), tierBasis: 'spend' }, false],
  ['tiers by visits in a 90-day window', { tiers, tierBasis: 'visits', tierWindowDays: 90 }, false],
];

describe('the members export from summaries', () => {
  for (const [label, program, withExpiry] of programs) {
    it(`writes exactly the file of the per-member fold: ${label}`, async () => {
      const ctx = await makeTestContext();
      await saveSettings(ctx, { shop: { name: 'Shop', country: 'HU', currency: 'HUF', locale: 'hu' }, program: { ...DEFAULT_PROGRAM, ...program, cooldownMinutes: 0 } });
      // A few through the till itself: punches, a purchase, a void of the latest visit.
      for (const name of ['Ann', 'Bob', 'Cecil']) {
        const { member } = await enrollMember(ctx, { name, phone: '', email: '', marketingConsent: true, welcomeBonus: false });
        let last: string | undefined;
        for (let k = 0; k < 6; k++) {
          const write = program.mode === 'points' ? await recordPurchase(ctx, { memberId: member.id, amountMinor: 2_500 }) : await recordPunch(ctx, { memberId: member.id, stamps: 1 });
          last = write.event.id;
          ctx.clock.advance(9 * DAY);
        }
        if (name === 'Bob') await voidEntry(ctx, last!, 'owner');
      }
      await addGeneratedMembers(ctx, EXPORT_CHUNK_SIZE + 300, withExpiry);
      for (const consentingOnly of [false, true]) expect(await exportedText(ctx, consentingOnly)).toBe(await referenceCsv(ctx, consentingOnly));
    }, 60_000);
  }

  it('reads no events for a chunk whose summaries tell everything', async () => {
    const ctx = await makeTestContext();
    await addGeneratedMembers(ctx, 50, false);
    // Every summary current (no old rows, none missing).
    const ids = (await ctx.db.members.toCollection().primaryKeys()) as string[];
    const events = await ctx.db.events.toArray();
    await ctx.db.summaries.bulkPut(ids.map((id) => foldEvents(id, events.filter((e) => e.memberId === id))));
    const reads: string[] = [];
    ctx.db.use({
      stack: 'dbcore',
      name: 'spy',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, getMany: (req) => (reads.push(name), table.getMany(req)), query: (req) => (reads.push(name), table.query(req)) };
        },
      }),
    });
    // The middleware applies to a reopened database.
    ctx.db.close();
    await ctx.db.open();
    expect(await exportedText(ctx, false)).toBe(await referenceCsv(ctx, false));
    reads.length = 0;
    await exportMembersCsv(ctx, { consentingOnly: false, delimiter: 'auto' });
    expect(reads).not.toContain('events');
    expect(reads).toContain('summaries');
  });
});

