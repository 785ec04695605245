import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM } from '../../src/core/program';
import type { LedgerEvent, LoyaltyProgram, Member, MemberSummary, ShopSettings } from '../../src/core/types';
import { readAppDatabase, putIntoAppDatabase } from './support/appDatabase';
import { chromiumAvailable } from './support/environment';
import { settingsDialog, unlockOwnerArea } from './support/owner';
import { startTillSession, type TillSession } from './support/tillSession';

// The owner exports the members as CSV; the downloaded file is read back with papaparse (not our
// code) and every field is compared with what IndexedDB holds. The shop is Hungarian (semicolons,
// decimal comma, EUR with cents) and its name and members' names are hostile to spreadsheets.

const DAY = 86_400_000;
const HOSTILE = '=HYPERLINK("x")';
const QUOTED = 'Anna "Panni"\nKovács';

function seed(nowMs: number) {
  const at = (daysAgo: number) => new Date(nowMs - daysAgo * DAY).toISOString();
  const shop: ShopSettings = { name: HOSTILE, country: 'HU', currency: 'EUR', locale: 'hu' };
  const program: LoyaltyProgram = {
    ...DEFAULT_PROGRAM,
    version: 2,
    mode: 'points',
    catalogue: [{ id: 'coffee', name: 'Coffee', cost: 100 }],
    tierBasis: 'spend',
    tierWindowDays: 365,
    tiers: [
      { id: 'bronze', name: 'Bronze', threshold: 0, multiplierPercent: 100 },
      { id: 'silver', name: 'Silver', threshold: 10_000, multiplierPercent: 150 },
    ],
    pointsExpiry: 'afterEarning',
    pointsExpiryMonths: 1,
  };
  const member = (id: string, card: string, name: string, daysAgo: number, extra: Partial<Member> = {}) => ({
    id,
    cardCodes: [card],
    name,
    consent: { marketing: true, at: at(daysAgo), textVersion: 'marketing-v1' },
    createdAt: at(daysAgo),
    updatedAt: at(daysAgo),
    clock: {},
    namePhrases: [],
    ...extra,
  });
  const members = [
    member('m-hostile', '900000000018', HOSTILE, 200, { phoneE164: '+36301234567', email: 'x@example.hu' }),
    member('m-quoted', '900000000026', QUOTED, 10, { cardCodes: ['900000000026', '5901234123457'], email: 'panni@example.hu' }),
    member('m-bob', '900000000034', 'Bob; Smith', 100, { consent: { marketing: false, at: at(100), textVersion: 'marketing-v1' } }),
    member('m-gone', '900000000042', '', 300, { deletedAt: at(1) }),
  ];
  const event = (id: string, memberId: string, daysAgo: number, fields: Partial<LedgerEvent>): LedgerEvent => ({
    id,
    memberId,
    kind: 'earn',
    deviceId: 'other-tablet',
    at: at(daysAgo),
    hlc: `${at(daysAgo)}-${id}`,
    programVersion: 2,
    ...fields,
  });
  // 123 points earned 50 days ago expired after a month; 30 earned 5 days ago remain.
  const events = [
    event('e1', 'm-hostile', 50, { points: 123, amountMinor: 12_345, expiresAt: at(20) }),
    event('e2', 'm-hostile', 5, { points: 30, amountMinor: 3_000, expiresAt: at(-25) }),
    event('e3', 'm-gone', 200, { points: 5, amountMinor: 500 }),
  ];
  const summaries: MemberSummary[] = [
    { memberId: 'm-hostile', stamps: 0, visits: 2, rewardsRedeemed: 0, points: 153, spendMinor: 15_345, lastVisitAt: at(5) },
    { memberId: 'm-gone', stamps: 0, visits: 1, rewardsRedeemed: 0, points: 5, spendMinor: 500, lastVisitAt: at(200) },
  ];
  return {
    rows: { settings: [{ key: 'shop', value: shop }, { key: 'program', value: program }], members, events, summaries },
    // What the balances, tier and segment must be: worked out by hand, not by the app's code.
    expected: {
      'm-hostile': { points: '30', tier: 'Silver', segment: 'regular' },
      'm-quoted': { points: '0', tier: 'Bronze', segment: 'new' },
      'm-bob': { points: '0', tier: 'Bronze', segment: 'lapsed' },
    } as Record<string, { points: string; tier: string; segment: string }>,
  };
}

/** Excel-proofing as the file must do it: a text that could start a formula gets a leading '. */
const neutral = (text: string) => (/^[=+\-@\t\r\n]/.test(text) ? `'${text}` : text);

describe.runIf(chromiumAvailable())('members CSV export, end to end', () => {
  let session: TillSession;
  let page: Page;
  let expected: ReturnType<typeof seed>['expected'];

  beforeAll(async () => {
    session = await startTillSession({ width: 800, height: 1280 });
    page = session.page;
    const seeded = seed(await page.evaluate(() => Date.now()));
    expected = seeded.expected;
    await putIntoAppDatabase(page, seeded.rows);
    await page.reload();
    await page.waitForSelector('html[data-ready]');
  });

  afterAll(() => session?.close());

  async function exportFile(): Promise<{ name: string; bytes: Buffer }> {
    const download = page.waitForEvent('download');
    await settingsDialog(page).getByRole('button', { name: 'Export members' }).click();
    const file = await download;
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }

  async function compareWithDatabase(rows: string[][], memberIds: string[]) {
    const db = (await readAppDatabase(page, { members: { store: 'members', all: true }, summaries: { store: 'summaries', all: true } })) as { members: Member[]; summaries: MemberSummary[] };
    const isoDay = (iso: string | undefined) => (iso ? page.evaluate((iso) => new Date(iso).toLocaleDateString('sv-SE'), iso) : Promise.resolve(''));
    expect(rows.length).toBe(memberIds.length);
    for (const id of memberIds) {
      const member = db.members.find((m) => m.id === id)!;
      const summary = db.summaries.find((s) => s.memberId === id);
      const row = rows.find((r) => r[0] === member.cardCodes.join(' '));
      expect(row, id).toEqual([
        member.cardCodes.join(' '),
        neutral(member.name),
        member.phoneE164 ? neutral(member.phoneE164) : '',
        member.email ?? '',
        member.consent.marketing ? 'yes' : 'no',
        await isoDay(member.consent.at),
        await isoDay(member.createdAt),
        await isoDay(summary?.lastVisitAt),
        String(summary?.visits ?? 0),
        '0',
        expected[id]!.points,
        // Euros with a decimal comma, from the stored cents.
        `${Math.trunc((summary?.spendMinor ?? 0) / 100)},${String((summary?.spendMinor ?? 0) % 100).padStart(2, '0')}`,
        expected[id]!.tier,
        expected[id]!.segment,
      ]);
    }
  }

  it('writes consenting members only, as a UTF-8 CSV with BOM, CRLF and semicolons that matches the database field by field', async () => {
    // The header's Settings button (a backup reminder may carry another one).
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await unlockOwnerArea(page);
    const dialog = settingsDialog(page);
    await expect.poll(() => dialog.getByRole('radio', { name: 'Automatic for the shop’s language (;)' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Only members who agreed to marketing' }).isChecked()).toBe(true);

    const { name, bytes } = await exportFile();
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
    expect(name).toBe(`hyperlink-x-members-${today}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    // Every line ends with CRLF; the only bare LF is inside the quoted name.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').split('\n')).toHaveLength(2);
    const parsed = Papa.parse<string[]>(text, { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['Card numbers', 'Name', 'Phone', 'Email', 'Marketing consent', 'Consent date', 'Joined', 'Last visit', 'Visits', 'Stamps', 'Points', 'Total spend', 'Tier', 'Segment']);
    // Bob did not agree to marketing; the erased member is never exported.
    await compareWithDatabase(rows, ['m-hostile', 'm-quoted']);
    expect(rows.find((row) => row[1] === `'${HOSTILE}`)).toBeDefined();
    expect(rows.find((row) => row[1] === QUOTED)).toBeDefined();
    await expect.poll(() => dialog.getByRole('region', { name: 'Export members (CSV)' }).getByRole('status').innerText()).toBe(`2 members exported to ${name}.`);
  });

  it('takes everyone on the owner’s explicit choice, with a warning, and a comma when asked', async () => {
    const dialog = settingsDialog(page);
    await dialog.getByRole('checkbox', { name: 'Only members who agreed to marketing' }).uncheck();
    await expect.poll(() => dialog.getByRole('note').innerText()).toContain('also hold people who did not agree to marketing');
    await dialog.getByRole('radio', { name: 'Comma (,)' }).check();
    const { bytes } = await exportFile();
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    await compareWithDatabase(parsed.data.slice(1), ['m-hostile', 'm-quoted', 'm-bob']);
  });
});
