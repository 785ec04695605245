import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/core/calendar';
import { MEMBER_EXPORT_HEADERS } from '../../../src/core/memberExport';
import { EXPORT_CHUNK_SIZE, exportMembersCsv } from '../../../src/db/memberExport';
import { enrollMember } from '../../../src/db/memberRepository';
import { eraseMember } from '../../../src/db/memberEdits';
import { saveSettings } from '../../../src/db/settingsChanges';
import { recordPurchase } from '../../../src/db/tillRepository';
import { makeTestContext } from '../../support/dbContext';

const DAY = 86_400_000;

async function readCsv(blob: Blob): Promise<{ bytes: Uint8Array; rows: string[][]; text: string }> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const rows = Papa.parse<string[]>(text.slice(1), { delimiter: text.includes(';') ? ';' : ',', newline: '\r\n', skipEmptyLines: true }).data;
  return { bytes, rows, text };
}

async function hungarianShop() {
  const ctx = await makeTestContext();
  await saveSettings(ctx, {
    shop: { name: 'Kávézó "Pest"', country: 'HU', currency: 'EUR', locale: 'hu' },
    program: { mode: 'points', pointsPer: 1, pointsSpendUnitMinor: 100, catalogue: [{ id: 'c', name: 'Coffee', cost: 100 }], cooldownMinutes: 0, pointsExpiry: 'afterEarning', pointsExpiryMonths: 1 },
  });
  const eva = await enrollMember(ctx, { name: 'Kovács Éva', phone: '+36 30 123 4567', email: 'eva@example.hu', marketingConsent: true, welcomeBonus: false });
  const bob = await enrollMember(ctx, { name: 'Bob', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
  const gone = await enrollMember(ctx, { name: 'Gone', phone: '', email: '', marketingConsent: true, welcomeBonus: false });
  await recordPurchase(ctx, { memberId: eva.member.id, amountMinor: 12_345 });
  ctx.clock.advance(40 * DAY);
  await recordPurchase(ctx, { memberId: eva.member.id, amountMinor: 5_000 });
  await eraseMember(ctx, gone.member.id);
  return { ctx, eva: eva.member, bob: bob.member };
}

describe('the members CSV export', () => {
  it('writes a UTF-8 file with a BOM, CRLF rows and the shop locale’s delimiter and decimal comma', async () => {
    const { ctx, eva } = await hungarianShop();
    const progress: number[] = [];
    const file = await exportMembersCsv(ctx, { consentingOnly: true, delimiter: 'auto', onProgress: (done) => progress.push(done) });
    const { bytes, rows, text } = await readCsv(file.blob);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(file.fileName).toBe(`kavezo-pest-members-${localDate(ctx.now())}.csv`);
    expect(file.rows).toBe(1);
    expect(progress.at(-1)).toBe(3);
    expect(rows[0]).toEqual([...MEMBER_EXPORT_HEADERS]);
    // The erased member and Bob (no consent) are left out; 123 points of the first purchase expired after a month.
    expect(rows.slice(1)).toEqual([
      [
        eva.cardCodes[0],
        'Kovács Éva',
        `'+36301234567`,
        'eva@example.hu',
        'yes',
        localDate(Date.parse(eva.consent.at)),
        localDate(Date.parse(eva.createdAt)),
        localDate(ctx.now()),
        '2',
        '0',
        '50',
        '173,45',
        '',
        'regular',
      ],
    ]);
  });

  it('takes members who did not agree only when asked, and a delimiter override', async () => {
    const { ctx, bob } = await hungarianShop();
    const file = await exportMembersCsv(ctx, { consentingOnly: false, delimiter: ',' });
    const { rows, text } = await readCsv(file.blob);
    // A decimal comma in a comma-separated file is quoted: "0,00".
    expect(text).toContain(',"0,00",');
    expect(rows.map((row) => row[1])).toEqual(expect.arrayContaining(['Name', 'Kovács Éva', 'Bob']));
    expect(rows).toHaveLength(3);
    // Bob joined 40 days ago and never came back: neither new nor at risk yet.
    expect(rows.find((row) => row[1] === 'Bob')).toEqual([bob.cardCodes[0], 'Bob', '', '', 'no', expect.any(String), expect.any(String), '', '0', '0', '0', '0,00', '', 'regular']);
    expect(rows.find((row) => row[1] === 'Kovács Éva')![11]).toBe('173,45');
  });

  it('pages through more members than one chunk, each once, in key order', async () => {
    const ctx = await makeTestContext();
    const count = EXPORT_CHUNK_SIZE + 7;
    await ctx.db.members.bulkAdd(
      Array.from({ length: count }, (_, i) => ({
        id: `m${String(i).padStart(5, '0')}`,
        cardCodes: [String(100000 + i)],
        name: `Member ${i}`,
        consent: { marketing: true, at: '2026-01-01T00:00:00.000Z', textVersion: 'v' },
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        clock: {},
        namePhrases: [],
      })),
    );
    const calls: [number, number][] = [];
    const file = await exportMembersCsv(ctx, { consentingOnly: true, delimiter: 'auto', onProgress: (done, total) => calls.push([done, total]) });
    const { rows } = await readCsv(file.blob);
    expect(file.rows).toBe(count);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(count);
    expect(calls).toEqual([
      [0, count],
      [EXPORT_CHUNK_SIZE, count],
      [count, count],
    ]);
  });
});
