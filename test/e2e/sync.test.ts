import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable } from './support/environment';
import { launchChromium } from './support/browser';
import { openOwnerArea } from './support/owner';
import { startServer, type RunningServer } from './support/server';
import { localData, outboxSize, pairFromLink, ownerCommand, parsePrintedCode, parseShopId, punchOpenMember, signUpAtTill, syncNow, syncState, type PrintedCode } from './support/sync';
import { feedbackText, usLayout, wedgeScan } from './support/till';

// Two tablets of one shop, each its own browser context (its own IndexedDB), paired through the
// real UI with codes the owner made on the command line, syncing through the server `npm start`
// runs: a punch on one shows on the other, and changes made on both while offline converge.

interface Tablet {
  context: BrowserContext;
  page: Page;
}

describe.runIf(chromiumAvailable())('two tablets syncing through the server, end to end', () => {
  let server: RunningServer;
  let browser: Browser;
  let a: Tablet;
  let b: Tablet;
  let firstCode: PrintedCode;
  let secondCode: PrintedCode;
  let evaCard = '';

  async function newTablet(): Promise<Tablet> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    return { context, page };
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    [a, b] = await Promise.all([newTablet(), newTablet()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const memberName = (page: Page) => page.locator('#member-name').innerText();
  const filledStamps = (page: Page) => page.locator('.stamp--filled').count();
  const connectError = (page: Page) => page.locator('.connect__error');

  it('lets the owner create a business and a second code on the command line while the server runs', async () => {
    const created = await ownerCommand(server, 'create-business', 'Café Szeged');
    expect(created).toMatch(/^Business "Café Szeged" \(/);
    firstCode = parsePrintedCode(created);
    const shopId = parseShopId(created);
    secondCode = parsePrintedCode(await ownerCommand(server, 'pairing-code', shopId));
    expect(firstCode.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(secondCode.code).not.toBe(firstCode.code);
    expect(secondCode.link).toBe(`${server.url}/#pair=${secondCode.code}`);
  });

  it('refuses a wrong pairing code with a clear message in the form, and changes nothing', async () => {
    const { page } = a;
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready]');
    await expect.poll(() => syncState(page)).toBe('unpaired');
    const before = await localData(page);

    await openOwnerArea(page);
    expect(await page.locator('input[name=serverUrl]').inputValue()).toBe(server.url);
    await page.locator('input[name=pairingCode]').fill('ZZZZZ-ZZZZZ');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => connectError(page).innerText()).toBe('That pairing code is not known. Check it, or make a new one.');
    expect(await page.locator('input[name=pairingCode]').inputValue()).toBe('ZZZZZ-ZZZZZ');

    await page.locator('input[name=pairingCode]').fill('');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => connectError(page).innerText()).toBe('Type the pairing code, or scan its QR code.');

    expect(await syncState(page)).toBe('unpaired');
    expect(await localData(page)).toEqual(before);
  });

  it('pairs the first tablet by typing the code into Settings → Connect to backend', async () => {
    const { page } = a;
    await page.locator('input[name=pairingCode]').fill(firstCode.code.toLowerCase());
    await page.locator('input[name=deviceName]').fill('Front counter');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => feedbackText(page)).toContain('Connected to Café Szeged.');
    expect(await connectError(page).count()).toBe(0);
    await expect.poll(() => page.locator('.connect').innerText()).toContain(`Connected to Café Szeged at ${server.url}.`);
    expect(await page.locator('input[name=pairingCode]').inputValue()).toBe('');
    await expect.poll(() => syncState(page)).toBe('synced');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('pairs the second tablet from its pairing link, which opens Settings filled in', async () => {
    const { page } = b;
    await pairFromLink(page, secondCode, 'Back counter', 'Café Szeged', async () => {
      expect(await page.locator('input[name=serverUrl]').inputValue()).toBe(server.url);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Connect');
      expect(await page.evaluate(() => location.hash)).toBe('');
    });

    const devices = await ownerCommand(server, 'list-devices');
    expect(devices).toContain('Café Szeged / Café Szeged / Front counter');
    expect(devices).toContain('Café Szeged / Café Szeged / Back counter');
    expect(devices.match(/ active$/gm)).toHaveLength(2);
    const [linkA, linkB] = [(await localData(a.page)).link!, (await localData(b.page)).link!];
    expect(linkA.businessId).toBe(linkB.businessId);
    expect(linkA.deviceId).not.toBe(linkB.deviceId);
  });

  it('shows a member signed up and punched on one tablet on the other, and keeps an open card live', async () => {
    evaCard = await signUpAtTill(a.page, 'Éva Kovács', '06 30 123 4567');
    await expect.poll(() => memberName(a.page)).toBe('Éva Kovács');
    await punchOpenMember(a.page, 1, false);
    // A local write is pushed about a second later, without anyone pressing anything, and the
    // server takes all of it.
    await expect.poll(() => outboxSize(a.page)).toBe(0);
    expect((await localData(a.page)).rejections).toEqual([]);

    await syncNow(b.page);
    await wedgeScan(b.page, usLayout(evaCard));
    await expect.poll(() => memberName(b.page)).toBe('Éva Kovács');
    await expect.poll(() => filledStamps(b.page)).toBe(1);
    await b.page.locator('#till-search').fill('4567');
    await expect.poll(() => b.page.locator('.results__name').allInnerTexts()).toEqual(['Éva Kovács']);

    await punchOpenMember(a.page, 2, true);
    await syncNow(a.page);
    await syncNow(b.page);
    await expect.poll(() => filledStamps(b.page)).toBe(3);
    expect(await b.page.locator('.member__meta').innerText()).toContain('2 visits');
  });

  it('keeps both tablets working offline and converges once they reconnect', async () => {
    await Promise.all([a.context.setOffline(true), b.context.setOffline(true)]);
    try {
      await punchOpenMember(a.page, 1, true);
      await punchOpenMember(b.page, 2, true);
      await signUpAtTill(b.page, 'Nikos Papadopoulos', '+30 691 234 5678');
      await expect.poll(() => memberName(b.page)).toBe('Nikos Papadopoulos');

      // The write-triggered attempts fail: the indicator says offline, with the changes waiting.
      for (const { page } of [a, b]) {
        await expect.poll(() => syncState(page)).toBe('offline');
        const waiting = await outboxSize(page);
        expect(waiting).toBeGreaterThan(0);
        expect(await page.locator('.sync').innerText()).toMatch(new RegExp(`^Offline since .+\\s· ${waiting} changes? to sync`));
      }
      expect(await filledStamps(a.page)).toBe(4);
    } finally {
      await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
    }

    // Back online, "Sync now" on both pushes what each did; once both are idle with nothing
    // left to push, one more sync each pulls what the other pushed.
    await Promise.all([a, b].map(({ page }) => page.getByRole('button', { name: 'Sync now' }).click()));
    for (const { page } of [a, b]) {
      await expect.poll(async () => [await outboxSize(page), await syncState(page)]).toEqual([0, 'synced']);
    }
    await syncNow(a.page);
    await syncNow(b.page);

    const [dataA, dataB] = await Promise.all([localData(a.page), localData(b.page)]);
    expect(dataA.outbox).toBe(0);
    expect(dataA.rejections).toEqual([]);
    expect(dataA.members).toHaveLength(2);
    expect(dataA.events).toHaveLength(6); // two sign-ups, four punches
    expect({ ...dataA, link: undefined }).toEqual({ ...dataB, link: undefined });

    // Both tills show the same card: 3 stamps before, +1 on A and +2 on B offline.
    await wedgeScan(b.page, usLayout(evaCard));
    await expect.poll(() => memberName(b.page)).toBe('Éva Kovács');
    for (const { page } of [a, b]) {
      await expect.poll(() => filledStamps(page)).toBe(6);
      await expect.poll(() => page.locator('.member__progress').innerText()).toBe('4 more stamps to Free coffee');
      expect(await page.locator('.member__meta').innerText()).toContain('4 visits');
    }
    await a.page.locator('#till-search').fill('nikos');
    await expect.poll(() => a.page.locator('.results__name').allInnerTexts()).toEqual(['Nikos Papadopoulos']);
  });

  it('refuses a wrong code on a paired tablet too, keeping its pairing and data', async () => {
    const { page } = b;
    const before = await localData(page);
    await openOwnerArea(page);
    await page.locator('input[name=pairingCode]').fill(firstCode.code);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => connectError(page).innerText()).toBe('That pairing code was already used. Make a new one for each tablet.');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await localData(page)).toEqual(before);
    expect(await syncState(page)).toBe('synced');
  });
});
