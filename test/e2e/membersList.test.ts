import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent, Member, MemberSummary } from '../../src/core/types';
import { putIntoAppDatabase } from './support/appDatabase';
import { chromiumAvailable } from './support/environment';
import { unlockOwnerArea } from './support/owner';
import { startTillSession, type TillSession } from './support/tillSession';

// The owner's members list over a few hundred members written straight into IndexedDB (as if
// sync had brought them): search by a name typed without accents, by phone digits and by card;
// a segment filter; sorting; windowed rows while scrolling and moving with the keyboard; and a
// member's page opened from the list and left again, back where the owner was.

const COUNT = 300;
const DAY = 86_400_000;
const FIRST = ['Anna', 'Béla', 'Csilla', 'Dávid', 'Erzsébet', 'Ferenc', 'Gábor', 'Hanna', 'István', 'Júlia'];
const LAST = ['Kovács', 'Nagy', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas'];
const SPECIAL = 137;
const SPECIAL_NAME = 'Zsófia Özörény';
const PHONE_MEMBER = 88;
const PHONE = '+36705551234';
const card = (i: number) => `9${String(i).padStart(11, '0')}`;
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Segments by construction: 0 new, 1 lapsed, 2 at risk, 3 loyal, 4 regular (default rules). */
function seed(nowMs: number) {
  const at = (daysAgo: number) => new Date(nowMs - daysAgo * DAY).toISOString();
  const members: (Member & { namePhrases: string[]; phoneRev?: string })[] = [];
  const summaries: MemberSummary[] = [];
  const events: LedgerEvent[] = [];
  const visitDays: Record<number, number[]> = { 0: [], 1: [120], 2: [70], 3: [2, 10, 20, 40, 60], 4: [3] };
  for (let i = 0; i < COUNT; i++) {
    const id = `m-${String(i).padStart(4, '0')}`;
    const name = i === SPECIAL ? SPECIAL_NAME : `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`;
    const joined = i % 5 === 0 ? 10 : 300;
    const phone = i === PHONE_MEMBER ? PHONE : `+3620${String(1_000_000 + i * 7)}`;
    members.push({
      id,
      cardCodes: [card(i)],
      name,
      phoneE164: phone,
      phoneRev: [...phone.slice(1)].reverse().join(''),
      consent: { marketing: i % 2 === 0, at: at(joined), textVersion: 'marketing-v1' },
      createdAt: at(joined),
      updatedAt: at(joined),
      clock: {},
      namePhrases: [fold(name)],
    });
    const days = visitDays[i % 5]!;
    for (const [k, daysAgo] of days.entries()) {
      events.push({ id: `e-${id}-${k}`, memberId: id, kind: 'stamp', stamps: 1, deviceId: 'other-tablet', at: at(daysAgo), hlc: `${at(daysAgo)}-${id}-${k}`, programVersion: 1 });
    }
    summaries.push({
      memberId: id,
      stamps: days.length,
      visits: days.length,
      rewardsRedeemed: 0,
      points: 0,
      spendMinor: 0,
      ...(days.length ? { lastVisitAt: at(days[0]!) } : {}),
      latestVisits: days.map(at),
      expiringEarnings: 0,
    });
  }
  // One erased member: never listed.
  members.push({ ...members[0]!, id: 'm-gone', name: '', cardCodes: [], phoneE164: undefined, phoneRev: undefined, namePhrases: [], deletedAt: at(1) });
  return { members, summaries, events };
}

describe.runIf(chromiumAvailable())('the owner’s members list, end to end', () => {
  let session: TillSession;
  let page: Page;
  let seeded: ReturnType<typeof seed>;
  const list = () => page.getByRole('list', { name: 'Members found' });
  const rows = () => list().getByRole('listitem');
  const status = () => page.locator('.members__status');
  const search = () => page.getByRole('searchbox', { name: 'Search by name, phone, card or email' });
  const rowNames = () => rows().locator('.members__name').allInnerTexts();

  beforeAll(async () => {
    session = await startTillSession({ width: 1024, height: 1000 });
    page = session.page;
    seeded = seed(await page.evaluate(() => Date.now()));
    await putIntoAppDatabase(page, { members: seeded.members, summaries: seeded.summaries, events: seeded.events });
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await page.locator('.app__header').getByRole('button', { name: 'Settings', exact: true }).click();
    await unlockOwnerArea(page);
    const nav = page.getByRole('navigation', { name: 'Owner area' });
    expect(await nav.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('button', { name: 'Members' }).click();
    expect(await nav.getByRole('button', { name: 'Members' }).getAttribute('aria-current')).toBe('page');
  }, 120_000);

  afterAll(() => session?.close());

  it('lists every member but the erased one, by name, with their columns', async () => {
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toBe(`${COUNT} of ${COUNT} members`);
    const names = seeded.members.filter((m) => !m.deletedAt).map((m) => m.name);
    const sorted = [...names].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
    const shown = await rowNames();
    expect(shown.slice(0, 5)).toEqual(sorted.slice(0, 5));
    const first = await rows().first().innerText();
    const member = seeded.members.find((m) => m.name === sorted[0])!;
    expect(first).toContain(member.cardCodes[0]);
    expect(first).toContain(member.phoneE164);
  });

  it('finds a member by a name typed without accents, by phone digits and by card', async () => {
    await search().fill('ozoreny zso');
    await expect.poll(() => rowNames()).toEqual([SPECIAL_NAME]);
    expect(await status().innerText()).toBe(`1 of ${COUNT} members`);
    await search().fill('555 12');
    await expect.poll(() => rowNames()).toEqual([seeded.members[PHONE_MEMBER]!.name]);
    await search().fill(card(SPECIAL));
    await expect.poll(() => rowNames()).toEqual([SPECIAL_NAME]);
    await search().fill('qqqq');
    await expect.poll(() => page.locator('.members__empty').innerText()).toBe('No member matches.');
    await search().fill('');
    await expect.poll(() => status().innerText()).toBe(`${COUNT} of ${COUNT} members`);
  });

  it('filters by segment, and sorts', async () => {
    await page.getByLabel('Segment').selectOption({ label: 'Loyal' });
    const loyal = seeded.members.filter((_, i) => i < COUNT && i % 5 === 3).length;
    await expect.poll(() => status().innerText()).toBe(`${loyal} of ${COUNT} members`);
    expect((await rows().first().innerText()).includes('Loyal')).toBe(true);
    await page.getByLabel('Segment').selectOption({ label: 'Lapsed' });
    await expect.poll(() => status().innerText()).toBe(`${COUNT / 5} of ${COUNT} members`);
    // Lapsed and named Anna: a filter and a search together.
    await search().fill('anna');
    await expect.poll(() => status().innerText()).toBe(`0 of ${COUNT} members`);
    await search().fill('béla');
    await expect.poll(() => status().innerText()).toBe(`${COUNT / 10} of ${COUNT} members`);
    await search().fill('');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => status().innerText()).toBe(`${COUNT} of ${COUNT} members`);

    // Most visits first: the loyal members (5 visits).
    await page.getByLabel('Sort by').selectOption({ label: 'Visits' });
    await page.getByRole('button', { name: /Ascending/ }).click();
    await expect.poll(() => rows().first().locator('.members__number').first().innerText()).toBe('5');
    // Name, descending: the last name in order comes first.
    await page.getByLabel('Sort by').selectOption({ label: 'Name' });
    const names = seeded.members.filter((m) => !m.deletedAt).map((m) => m.name);
    const last = [...names].sort((a, b) => (fold(a) < fold(b) ? 1 : fold(a) > fold(b) ? -1 : 0))[0];
    await expect.poll(async () => (await rowNames())[0]).toBe(last);
    await page.getByRole('button', { name: /Descending/ }).click();
    await expect.poll(async () => (await rowNames())[0]).toBe([...names].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0))[0]);
  });

  it('keeps only a window of rows in the DOM while scrolling, and moves through them with the keyboard', async () => {
    const rendered = await rows().count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await page.locator('.members__viewport').evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect.poll(() => list().locator('[aria-posinset="300"]').count()).toBe(1);
    // The top rows left the DOM (bar the one the keyboard is on), and the window is as small as before.
    expect(await list().locator('[aria-posinset="10"]').count()).toBe(0);
    expect(await rows().count()).toBeLessThan(60);
    await page.locator('.members__viewport').evaluate((element) => (element.scrollTop = 0));
    await expect.poll(() => list().locator('[aria-posinset="2"]').count()).toBe(1);

    // The keyboard: Tab reaches one row; arrows and End move it, scrolling the list along.
    await rows().first().getByRole('button').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index)).toBe('1');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index)).toBe(String(COUNT - 1));
    expect(await rows().count()).toBeLessThan(60);
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index)).toBe('0');
  });

  it('opens a member’s page from the list (Enter on a row), and comes back to the same search', async () => {
    await search().fill('ozoreny');
    await expect.poll(() => rowNames()).toEqual([SPECIAL_NAME]);
    await rows().first().getByRole('button').focus();
    await page.keyboard.press('Enter');
    const memberPage = page.getByTestId('member-page');
    await memberPage.waitFor();
    await expect.poll(() => memberPage.innerText()).toContain(SPECIAL_NAME);
    await memberPage.getByRole('button', { name: /Back to members/ }).click();
    await expect.poll(() => rowNames()).toEqual([SPECIAL_NAME]);
    expect(await search().inputValue()).toBe('ozoreny');
    // Focus is back on the row the owner opened.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index)).toBe('0');
  });

  it('shows an edit made on the member’s page once the list has read the members again', async () => {
    await rows().first().getByRole('button').click();
    const memberPage = page.getByTestId('member-page');
    await memberPage.waitFor();
    await memberPage.getByLabel('Name', { exact: true }).fill('Zsófia Özörény-Kiss');
    await memberPage.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('.feedback').innerText()).toContain('Saved the changes');
    await memberPage.getByRole('button', { name: /Back to members/ }).click();
    // The search "ozoreny" still holds; the new name arrives after the reload's debounce.
    await expect.poll(() => rowNames(), { timeout: 15_000 }).toEqual(['Zsófia Özörény-Kiss']);
    await search().fill('kiss zso');
    await expect.poll(() => rowNames()).toEqual(['Zsófia Özörény-Kiss']);
  });

  it('shows a change made meanwhile, and is back on Settings after closing', async () => {
    await search().fill('');
    await putIntoAppDatabase(page, {
      members: [{ ...seeded.members[1]!, id: 'm-new', name: 'Új Tag', cardCodes: ['977777777777'], phoneE164: undefined, phoneRev: undefined, namePhrases: ['uj tag'] }],
    });
    // Another tab's write (here the page's own IndexedDB connection) reaches the list after its debounce.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('.app__header').getByRole('button', { name: 'Settings', exact: true }).click();
    // Reopened, the owner area starts on Settings again (unlockOwnerArea waits for the Settings dialog).
    await unlockOwnerArea(page);
    expect(await page.getByRole('navigation', { name: 'Owner area' }).getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('navigation', { name: 'Owner area' }).getByRole('button', { name: 'Members' }).click();
    await expect.poll(() => status().innerText(), { timeout: 15_000 }).toBe(`${COUNT + 1} of ${COUNT + 1} members`);
    await search().fill('uj tag');
    await expect.poll(() => rowNames()).toEqual(['Új Tag']);
  });
});
