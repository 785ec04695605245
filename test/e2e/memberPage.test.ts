import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberDataExport } from '../../src/core/memberDataExport';
import type { LedgerEvent, Member, MemberSummary } from '../../src/core/types';
import { readAppDatabase, putIntoAppDatabase } from './support/appDatabase';
import { chromiumAvailable } from './support/environment';
import { unlockOwnerArea } from './support/owner';
import { dbCounts } from './support/till';
import { startTillSession, type TillSession } from './support/tillSession';

// The owner's page for one member, reached from the members list: the header, every entry (paged,
// voids shown with what they cancel, the tablet), editing with field errors, cards linked by a
// scanner typing into the field and removed, the data export (JSON and printable page), a void by
// the owner, and erasure. The member's name carries markup, which must stay text everywhere.

const NAME = 'Éva <b>Kovács</b>';
const CARD = '900000000018';
const NEW_CARD = '4006381333931';
const OTHER_TABLET = '01935f00-0000-7000-8000-00000abc1234';
const STAMPS = 120;

function seed(nowMs: number) {
  const at = (minutesAgo: number) => new Date(nowMs - minutesAgo * 60_000).toISOString();
  const start = STAMPS * 60 + 60;
  const member: Member & { namePhrases: string[] } = {
    id: 'm-eva',
    cardCodes: [CARD],
    name: NAME,
    phoneE164: '+36301234567',
    consent: { marketing: true, at: at(start), textVersion: 'marketing-v1' },
    createdAt: at(start),
    updatedAt: at(start),
    clock: {},
    namePhrases: ['eva <b>kovacs</b>'],
  };
  const event = (id: string, minutesAgo: number, fields: Partial<LedgerEvent>): LedgerEvent => ({
    id,
    memberId: member.id,
    kind: 'stamp',
    deviceId: OTHER_TABLET,
    at: at(minutesAgo),
    hlc: `${at(minutesAgo)}-${id}`,
    programVersion: 1,
    ...fields,
  });
  const events: LedgerEvent[] = [event('e-enroll', start, { kind: 'enroll' })];
  for (let i = 0; i < STAMPS; i++) events.push(event(`e-${String(i).padStart(3, '0')}`, start - 60 * (i + 1), { stamps: 1 }));
  // The owner voided the 10th punch, a minute after it.
  events.push(event('e-void', start - 60 * 10 - 1, { kind: 'void', voidsId: 'e-009', reason: 'owner' }));
  const summary: MemberSummary = { memberId: member.id, stamps: STAMPS - 1, visits: STAMPS - 1, rewardsRedeemed: 0, points: 0, spendMinor: 0, lastVisitAt: at(60) };
  return { members: [member], events, summaries: [summary] };
}

describe.runIf(chromiumAvailable())('a member’s page in the owner area, end to end', () => {
  let session: TillSession;
  let page: Page;
  const memberPage = () => page.getByTestId('member-page');
  const storedMember = async () => (await readAppDatabase(page, { m: { store: 'members', key: 'm-eva' } })).m as Member;
  const storedEvents = async () => ((await readAppDatabase(page, { e: { store: 'events', all: true } })).e as LedgerEvent[]).filter((e) => e.memberId === 'm-eva');

  beforeAll(async () => {
    session = await startTillSession({ width: 1024, height: 1280 });
    page = session.page;
    await putIntoAppDatabase(page, seed(await page.evaluate(() => Date.now())));
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
    await unlockOwnerArea(page);
    await page.getByRole('navigation', { name: 'Owner area' }).getByRole('button', { name: 'Members' }).click();
    await page.getByRole('button', { name: /Éva <b>Kovács<\/b>/ }).click();
    await memberPage().waitFor();
  });

  afterAll(() => session?.close());

  it('shows the member as the till does, and every entry a page at a time, voids with what they cancel', async () => {
    await expect.poll(() => memberPage().getByRole('heading', { level: 2 }).innerText()).toBe(NAME);
    expect(await memberPage().locator('b').count()).toBe(0);
    expect(await memberPage().innerText()).toContain(`Card ${CARD}`);
    await expect.poll(() => memberPage().innerText()).toContain('119 stamps on the card');
    const ledger = memberPage().getByRole('region', { name: 'All entries' });
    expect(await ledger.innerText()).toContain(`${STAMPS + 2} entries, newest first.`);
    const entries = ledger.getByRole('listitem');
    expect(await entries.count()).toBe(50);
    expect(await entries.first().innerText()).toContain('Punched 1 stamp');
    expect(await entries.first().innerText()).toContain('on tablet …bc1234');
    await ledger.getByRole('button', { name: 'Show 50 more entries' }).click();
    await ledger.getByRole('button', { name: 'Show 22 more entries' }).click();
    expect(await entries.count()).toBe(STAMPS + 2);
    const voidEntry = entries.filter({ hasText: 'Void of an earlier entry' });
    expect(await voidEntry.innerText()).toMatch(/Cancels: Punched 1 stamp of .+ \(by the owner\)/);
    expect(await entries.filter({ hasText: 'Voided on' }).count()).toBe(1);
    expect(await entries.last().innerText()).toContain('Signed up');
  });

  it('refuses a wrong email at its field without saving anything, then saves the corrected form', async () => {
    const form = memberPage().getByRole('region', { name: 'Details' });
    const before = await dbCounts(page);
    await form.getByLabel('Email').fill('not an email');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.innerText()).toContain('That email address does not look right.');
    expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await dbCounts(page)).toEqual(before);
    expect((await storedMember()).email).toBeUndefined();

    await form.getByLabel('Email').fill('Eva@Example.com');
    await form.getByLabel('Note (only staff see it)').fill('Oat milk');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await storedMember()).email).toBe('eva@example.com');
    expect(await storedMember()).toMatchObject({ note: 'Oat milk', name: NAME, phoneE164: '+36301234567' });
    expect((await dbCounts(page)).outbox).toBe(before.outbox + 1);
    await expect.poll(() => page.locator('.feedback').innerText()).toContain(`Saved the changes to ${NAME}.`);
  });

  it('links a card a scanner types into the field (the till does not take it), then removes the old card', async () => {
    const cards = memberPage().getByRole('region', { name: 'Cards' });
    expect(await cards.getByRole('button', { name: `Remove card ${CARD}` }).count()).toBe(0);
    await cards.getByLabel(/Link another card/).focus();
    // A wedge scanner: keys a few ms apart, then Enter.
    await page.keyboard.type(NEW_CARD, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await storedMember()).cardCodes).toEqual([CARD, NEW_CARD]);
    await expect.poll(() => page.locator('.feedback').innerText()).toContain(`Card ${NEW_CARD} now belongs to`);
    expect(await page.locator('.pending-card').count()).toBe(0);

    await cards.getByRole('button', { name: `Remove card ${CARD}` }).click();
    await cards.getByRole('button', { name: 'Remove the card' }).click();
    await expect.poll(async () => (await storedMember()).cardCodes).toEqual([NEW_CARD]);
    // The last card cannot be removed.
    await expect.poll(() => cards.getByRole('button', { name: `Remove card ${NEW_CARD}` }).count()).toBe(0);
  });

  it('exports the member’s data as JSON with every entry, and as a printable page of text', async () => {
    const exportSection = memberPage().getByRole('region', { name: 'Data of this member (access request)' });
    const download = page.waitForEvent('download');
    await exportSection.getByRole('button', { name: 'Download as a file (JSON)' }).click();
    const file = await download;
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
    expect(file.suggestedFilename()).toBe(`my-shop-member-${NEW_CARD}-${today}.json`);
    const data = JSON.parse(await readFile((await file.path())!, 'utf8')) as MemberDataExport;
    const stored = await storedEvents();
    expect(data.member).toMatchObject({ id: 'm-eva', name: NAME, email: 'eva@example.com', cards: [NEW_CARD] });
    expect(data.events.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    expect(data.events.find((e) => e.id === 'e-009')).toMatchObject({ voidedBy: 'e-void', tablet: OTHER_TABLET });

    await exportSection.getByRole('button', { name: 'Show a printable page' }).click();
    const view = page.getByRole('dialog', { name: 'Personal data held by My shop' });
    await view.waitFor();
    expect(await view.innerText()).toContain(NAME);
    expect(await view.locator('b').count()).toBe(0);
    expect(await view.locator('tbody tr').count()).toBe(stored.length);
    // Printed, the page is alone: no app header, owner buttons or controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app__header').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Owner area' }).isVisible()).toBe(false);
    expect(await view.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await view.locator('.member-data__page').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await view.getByRole('button', { name: 'Close' }).click();
    await memberPage().waitFor();
  });

  it('lets the owner void an entry, and erases the member after the name is typed', async () => {
    const before = (await storedEvents()).length;
    const ledger = memberPage().getByRole('region', { name: 'All entries' });
    await ledger.getByRole('button', { name: 'Void' }).first().click();
    await expect.poll(async () => (await storedEvents()).length).toBe(before + 1);
    const voids = (await storedEvents()).filter((e) => e.kind === 'void');
    expect(voids.find((e) => e.voidsId === `e-${String(STAMPS - 1).padStart(3, '0')}`)).toMatchObject({ reason: 'owner' });

    const erase = memberPage().getByRole('region', { name: 'Erase this member' });
    await erase.getByRole('button', { name: 'Erase…' }).click();
    const confirm = erase.getByRole('button', { name: 'Erase for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await erase.getByLabel(/To confirm, type the member’s name/).fill('eva <b>kovacs</b>');
    await confirm.click();
    await expect.poll(async () => (await storedMember()).deletedAt).toBeDefined();
    expect(await storedMember()).toMatchObject({ name: '', cardCodes: [] });
    expect((await storedMember()).email).toBeUndefined();
    await expect.poll(() => memberPage().innerText()).toContain('This member was erased');
    expect((await storedEvents()).length).toBe(before + 1);
  });
});
