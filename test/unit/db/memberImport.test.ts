import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit, looksLikeOurCardNumber } from '../../../src/core/cardNumber';
import { localDate } from '../../../src/core/calendar';
import { errorReportCsv, guessColumnMapping } from '../../../src/core/memberImport';
import type { Member } from '../../../src/core/types';
import type { DbContext } from '../../../src/db/context';
import { CHECK_CHUNK_SIZE, dryRunImport, importMembers, parseImportCsv, type ImportProgress } from '../../../src/db/memberImport';
import { exportMembersCsv } from '../../../src/db/memberExport';
import { enrollMember, linkCardToMember } from '../../../src/db/memberRepository';
import { fromMemberRow } from '../../../src/db/memberRows';
import { findMemberByCode, lookupMembers } from '../../../src/db/lookup';
import { saveSettings } from '../../../src/db/settingsChanges';
import { makeTestContext } from '../../support/dbContext';

const messy = readFileSync(new URL('../../fixtures/members-messy.csv', import.meta.url), 'utf8');

async function hungarianShop() {
  const ctx = await makeTestContext();
  await saveSettings(ctx, { shop: { name: 'Kávézó', country: 'HU', currency: 'HUF', locale: 'hu' }, program: {} });
  return ctx;
}

/** Every table's rows: what "nothing written" compares. */
async function snapshot(ctx: DbContext) {
  const { db } = ctx;
  const [members, events, summaries, outbox, device] = await Promise.all([
    db.members.toArray(),
    db.events.toArray(),
    db.summaries.toArray(),
    db.outbox.toArray(),
    db.device.toArray(),
  ]);
  return { members, events, summaries, outbox, device };
}

async function allMembers(ctx: DbContext): Promise<Member[]> {
  return (await ctx.db.members.toArray()).map(fromMemberRow);
}

describe('the members CSV import', () => {
  it('parses a messy file: BOM, semicolons, quoted line breaks, a blank line', () => {
    const file = parseImportCsv(messy);
    expect(file.headers).toEqual(['Név', 'Telefon', 'E-mail cím', 'Kártyaszám', 'Hírlevél', 'Megjegyzés']);
    expect(file.records).toHaveLength(10);
    expect(file.records[0]).toEqual(['Kovács Éva', '06 30 123 4567', 'Eva@Example.hu', '', 'igen', 'Szereti a\r\nkapucsínót']);
    expect(file.records[5]![5]).toBe('két\r\nsor; idézőjel "x"');
    expect(guessColumnMapping(file.headers)).toEqual(['name', 'phone', 'email', 'cardCodes', 'consent', 'note']);
  });

  it('finds the semicolon of a two-column file with a final line break and a blank line', () => {
    expect(parseImportCsv('Név;Telefon\r\n\r\nAnn;+36 30 123 4567\r\n')).toEqual({ headers: ['Név', 'Telefon'], records: [[''], ['Ann', '+36 30 123 4567']] });
    expect(parseImportCsv('Name\nAnn\nBob\n')).toEqual({ headers: ['Name'], records: [['Ann'], ['Bob']] });
  });

  it('imports exactly the good rows of the messy fixture and reports the others', async () => {
    const ctx = await hungarianShop();
    const kiss = await enrollMember(ctx, { name: 'Kiss János', phone: '06 70 111 2222', email: '', marketingConsent: false, welcomeBonus: false });
    const file = parseImportCsv(messy);
    const mapping = guessColumnMapping(file.headers);
    const progress: ImportProgress[] = [];
    const outcome = await importMembers(ctx, file, mapping, (step) => progress.push(step));

    expect({ toAdd: outcome.toAdd, duplicates: outcome.duplicates, errors: outcome.errors }).toEqual({ toAdd: 4, duplicates: 1, errors: 4 });
    const rejected = outcome.results.filter((result) => result.status !== 'ready').map((result) => [result.row, result.status, 'issues' in result ? result.issues : []]);
    expect(rejected).toEqual([
      [4, 'error', [{ code: 'nameRequired' }]],
      [5, 'error', [{ code: 'phoneInvalid', params: { value: '12345' } }]],
      [7, 'error', [{ code: 'cardRepeated', params: { code: 'CARD-1001', row: 6 } }]],
      [8, 'duplicate', [{ code: 'phoneInUse', params: { name: 'Kiss János' } }]],
      [9, 'error', [{ code: 'emailInvalid' }]],
    ]);

    const members = (await allMembers(ctx)).filter((member) => member.id !== kiss.member.id);
    const byName = new Map(members.map((member) => [member.name, member]));
    expect([...byName.keys()].sort()).toEqual(['Kovács Éva', 'Lindqvist, Åsa', 'Szabó Anna', 'Παπαδοπούλου Σοφία'].sort());
    expect(byName.get('Kovács Éva')).toMatchObject({ phoneE164: '+36301234567', email: 'eva@example.hu', note: 'Szereti a  kapucsínót', consent: { marketing: true } });
    expect(byName.get('Παπαδοπούλου Σοφία')).toMatchObject({ phoneE164: '+306912345678', email: 'sofia@example.gr', consent: { marketing: true } });
    expect(byName.get('Szabó Anna')).toMatchObject({ cardCodes: ['CARD-1001'], consent: { marketing: true } });
    expect(byName.get('Lindqvist, Åsa')).toMatchObject({ phoneE164: '+358401234567', consent: { marketing: true } });
    // Rows without a card get new numbers of this tablet, each different, after Kiss János's.
    const issued = members.flatMap((member) => member.cardCodes).filter(looksLikeOurCardNumber);
    expect(issued).toHaveLength(3);
    expect(new Set([...issued, kiss.member.cardCodes[0]]).size).toBe(4);
    expect(issued.every(hasValidCheckDigit)).toBe(true);

    // Written like a sign-up: an enroll event, a summary and the outbox rows of each member, and findable at the till.
    for (const member of members) {
      const events = await ctx.db.events.where('memberId').equals(member.id).toArray();
      expect(events.map((event) => event.kind)).toEqual(['enroll']);
      expect(await ctx.db.summaries.get(member.id)).toMatchObject({ memberId: member.id, visits: 0 });
    }
    const mutations = (await ctx.db.outbox.toArray()).map((row) => row.mutation.kind).filter((kind) => kind !== 'settings.put');
    expect(mutations).toEqual(['member.upsert', 'event.append', ...Array.from({ length: 4 }, () => ['member.upsert', 'event.append']).flat()]);
    expect((await lookupMembers(ctx, 'σοφια', 'HU')).members.map((member) => member.name)).toEqual(['Παπαδοπούλου Σοφία']);
    expect((await findMemberByCode(ctx, 'CARD-1001'))?.name).toBe('Szabó Anna');
    expect(progress.at(0)).toEqual({ phase: 'checking', done: 0, total: 10 });
    expect(progress.at(-1)).toEqual({ phase: 'writing', done: 4, total: 4 });

    // The error report: the rejected rows, their numbers and reasons, and their cells as the file had them.
    const report = errorReportCsv(outcome.file.headers, (row) => outcome.file.records[row - 2], outcome.results, { delimiter: ';' });
    const reportRows = Papa.parse<string[]>(report.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
    expect(reportRows.map((row) => row.slice(0, 3))).toEqual([
      ['Row', 'Reasons', 'Név'],
      ['4', 'nameRequired', ''],
      ['5', 'phoneInvalid(value=12345)', 'Nagy Péter'],
      ['7', 'cardRepeated(code=CARD-1001, row=6)', 'Tóth Gábor'],
      ['8', 'phoneInUse(name=Kiss János)', 'Kiss János'],
      ['9', 'emailInvalid', 'Γεώργιος Νικολάου'],
    ]);
    expect(reportRows[3]![7]).toBe('két\r\nsor; idézőjel "x"');

    // The same file again: everything it added is now a duplicate, nothing is added twice.
    const again = await importMembers(ctx, messy, mapping);
    expect({ toAdd: again.toAdd, duplicates: again.duplicates, errors: again.errors }).toEqual({ toAdd: 0, duplicates: 5, errors: 4 });
    expect(await ctx.db.members.count()).toBe(5);
  });

  it('a dry run counts the same and writes nothing', async () => {
    const ctx = await hungarianShop();
    await enrollMember(ctx, { name: 'Kiss János', phone: '+36 70 111 2222', email: '', marketingConsent: false, welcomeBonus: false });
    const before = await snapshot(ctx);
    const check = await dryRunImport(ctx, messy, guessColumnMapping(parseImportCsv(messy).headers));
    expect({ toAdd: check.toAdd, duplicates: check.duplicates, errors: check.errors }).toEqual({ toAdd: 4, duplicates: 1, errors: 4 });
    expect(await snapshot(ctx)).toEqual(before);
  });

  it('writes nothing from the file when a write fails in the middle', async () => {
    const ctx = await hungarianShop();
    await enrollMember(ctx, { name: 'Kiss János', phone: '+36 70 111 2222', email: '', marketingConsent: false, welcomeBonus: false });
    const before = await snapshot(ctx);
    ctx.db.members.hook('creating', (_key, row) => {
      if (row.name === 'Szabó Anna') throw new Error('disk full');
    });
    await expect(importMembers(ctx, messy, guessColumnMapping(parseImportCsv(messy).headers))).rejects.toThrow();
    expect(await snapshot(ctx)).toEqual(before);
  });

  it('skips, as duplicates, rows that a change at the till made duplicates after the check', async () => {
    const ctx = await hungarianShop();
    const ada = await enrollMember(ctx, { name: 'Ada Till', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    const text = 'Name,Card\r\nAda,OLD-9\r\nBéla,\r\n';
    let linked: Promise<unknown> | undefined;
    const outcome = await importMembers(ctx, text, ['name', 'cardCodes'], (step) => {
      // Between the check and the write, the cashier links the old card OLD-9 to Ada at the till
      // (its transaction starts first, so it commits before the import's).
      if (step.phase === 'writing' && !linked) linked = linkCardToMember(ctx, ada.member.id, 'OLD-9');
    });
    await linked;
    expect({ toAdd: outcome.toAdd, duplicates: outcome.duplicates }).toEqual({ toAdd: 1, duplicates: 1 });
    expect(outcome.results[0]).toEqual({ row: 2, status: 'duplicate', issues: [{ code: 'cardInUse', params: { code: 'OLD-9', name: 'Ada Till' } }] });
    expect((await allMembers(ctx)).map((member) => member.name).sort()).toEqual(['Ada Till', 'Béla']);
  });

  it('brings a file of our export back into a fresh tablet', async () => {
    const ctx = await hungarianShop();
    const eva = await enrollMember(ctx, { name: 'Kovács Éva', phone: '+36 30 123 4567', email: 'eva@example.hu', marketingConsent: true, welcomeBonus: false });
    await linkCardToMember(ctx, eva.member.id, 'OLD-4711');
    ctx.clock.advance(3 * 86_400_000);
    await enrollMember(ctx, { name: 'Παπαδοπούλου Σοφία', phone: '+30 691 234 5678', email: '', marketingConsent: false, welcomeBonus: false });
    await enrollMember(ctx, { name: '=cmd|" /C calc"!A0', phone: '', email: 'x@example.com', marketingConsent: true, welcomeBonus: false });
    const exported = await exportMembersCsv(ctx, { consentingOnly: false, delimiter: 'auto' });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await exported.blob.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);

    const fresh = await hungarianShop();
    fresh.clock.advance(30 * 86_400_000);
    const file = parseImportCsv(text);
    const outcome = await importMembers(fresh, file, guessColumnMapping(file.headers));
    expect({ toAdd: outcome.toAdd, duplicates: outcome.duplicates, errors: outcome.errors }).toEqual({ toAdd: 3, duplicates: 0, errors: 0 });

    const view = (member: Member) => ({
      name: member.name,
      phone: member.phoneE164,
      email: member.email,
      cards: member.cardCodes,
      consent: member.consent.marketing,
      consentDay: localDate(Date.parse(member.consent.at)),
      joined: localDate(Date.parse(member.createdAt)),
    });
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect((await allMembers(fresh)).map(view).sort(byName)).toEqual((await allMembers(ctx)).map(view).sort(byName));
    // The fresh tablet's own numbers continue after none of the imported ones it could issue.
    const next = await enrollMember(fresh, { name: 'New', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    expect((await allMembers(fresh)).filter((member) => member.cardCodes.includes(next.member.cardCodes[0]!))).toHaveLength(1);
  });

  it('checks thousands of rows in chunks, yielding between them, and writes them in one transaction', async () => {
    const ctx = await hungarianShop();
    const count = CHECK_CHUNK_SIZE * 4 + 17;
    const lines = ['Név;Telefon;Kártyaszám'];
    for (let i = 0; i < count; i++) lines.push(`Tag ${i};+36 30 ${String(1_000_000 + i).slice(0, 3)} ${String(1_000_000 + i).slice(3)};${i % 2 ? `OLD-${i}` : ''}`);
    const progress: ImportProgress[] = [];
    let timersRan = 0;
    const ticking = setInterval(() => timersRan++, 0);
    const outboxBefore = await ctx.db.outbox.count();
    const outcome = await importMembers(ctx, lines.join('\r\n'), ['name', 'phone', 'cardCodes'], (step) => progress.push(step));
    clearInterval(ticking);
    expect(outcome.toAdd).toBe(count);
    expect(outcome.imported).toHaveLength(count);
    expect(await ctx.db.members.count()).toBe(count);
    expect(await ctx.db.outbox.count()).toBe(outboxBefore + count * 2);
    expect(progress.filter((step) => step.phase === 'checking').map((step) => step.done)).toEqual([0, 500, 1000, 1500, 2000, count]);
    expect(timersRan).toBeGreaterThan(0);
    const cards = new Set((await allMembers(ctx)).flatMap((member) => member.cardCodes));
    expect(cards.size).toBe(count);
  });
});
