import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasValidCheckDigit, makeCardNumber } from '../../src/core/cardNumber';
import type { DeviceRow } from '../../src/db/database';
import { chromiumAvailable, toolsAvailable } from './support/environment';
import { openOwnerArea } from './support/owner';
import { decodeImage, decodePdfPages, MM_IN_POINTS, pdfPageSizes, pdfText, PRINTOUT_TOOLS, type DecodedSymbol } from './support/printout';
import { startTillSession, type TillSession } from './support/tillSession';
import { deviceRow } from './support/till';

// Member cards printed at bank-card size, sheets of pre-numbered blank cards on A4, and the card
// shown full screen: printed to PDF by Chromium, rendered by pdftoppm and read back by zbarimg.

const CARD_PAGE = { width: 85.6 * MM_IN_POINTS, height: 54 * MM_IN_POINTS }; // 242.65 × 153.07 pt
const A4_PAGE = { width: 210 * MM_IN_POINTS, height: 297 * MM_IN_POINTS }; // 595.28 × 841.89 pt
const SHOP_NAME = 'Kávézó <b>Aroma</b>';

function expectPageSizes(pdf: Buffer, expected: { width: number; height: number }, pages: number) {
  const sizes = pdfPageSizes(pdf);
  expect(sizes).toHaveLength(pages);
  for (const size of sizes) {
    expect(Math.abs(size.width - expected.width), `width ${size.width}`).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - expected.height), `height ${size.height}`).toBeLessThanOrEqual(1);
  }
}

/** The data of each symbol type found, sorted: { 'CODE-128': [...], 'QR-Code': [...] }. */
function byType(symbols: DecodedSymbol[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const symbol of symbols) (grouped[symbol.type] ??= []).push(symbol.data);
  for (const list of Object.values(grouped)) list.sort();
  return grouped;
}

describe.runIf(chromiumAvailable() && toolsAvailable('print tests', PRINTOUT_TOOLS))('printing and showing member cards', () => {
  let session: TillSession;
  let page: Page;

  beforeAll(async () => {
    session = await startTillSession();
    page = session.page;
    await openOwnerArea(page);
    await page.getByLabel('Shop name').fill(SHOP_NAME);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: SHOP_NAME, exact: true }).waitFor();
  });

  afterAll(() => session?.close());

  /** Signs up through the form; leaves the new card on screen and returns its number. */
  async function signUp(name: string): Promise<string> {
    await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    return (await page.getByTestId('card-number').innerText()).trim();
  }

  async function openMember(name: string) {
    await page.locator('#till-search').fill(name);
    await page.locator('#till-search').press('Enter');
    await expect.poll(() => page.locator('#member-name').innerText()).toBe(name);
  }

  const printCard = () => page.pdf({ preferCSSPageSize: true });

  it('prints the card after sign-up on a bank-card-sized page, its CODE128 and QR reading back as the number', async () => {
    const code = await signUp('Éva Kovács');
    await page.getByRole('button', { name: 'Print card' }).click();
    await page.getByRole('dialog', { name: 'Print the card of Éva Kovács' }).waitFor();

    const pdf = await printCard();
    expectPageSizes(pdf, CARD_PAGE, 1);
    const [symbols] = await decodePdfPages(pdf);
    expect(byType(symbols!)).toEqual({ 'CODE-128': [code], 'QR-Code': [code] });
    const text = await pdfText(pdf);
    expect(text).toContain(SHOP_NAME); // shown as text, never as markup
    expect(text).toContain('Éva Kovács');
    expect(text).toContain(code);
    // Only the card prints: none of the till or the print view's own controls.
    expect(text).not.toContain('Print the card of');
    expect(text).not.toContain('Sign up a new member');

    await page.getByRole('checkbox', { name: 'Print the member’s name on the card' }).uncheck();
    const anonymous = await pdfText(await printCard());
    expect(anonymous).toContain(SHOP_NAME);
    expect(anonymous).not.toContain('Éva Kovács');

    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('prints the card of a member opened at the till', async () => {
    const code = await signUp('Nikos Papadopoulos');
    await page.getByRole('button', { name: 'Done' }).click();
    await openMember('Éva Kovács');
    await openMember('Nikos Papadopoulos');
    await page.getByRole('button', { name: 'Print card' }).click();
    await page.getByRole('dialog', { name: 'Print the card of Nikos Papadopoulos' }).waitFor();
    const pdf = await printCard();
    expectPageSizes(pdf, CARD_PAGE, 1);
    const [symbols] = await decodePdfPages(pdf);
    expect(byType(symbols!)).toEqual({ 'CODE-128': [code], 'QR-Code': [code] });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('refuses a bad number of sheets with a clear message and reserves nothing', async () => {
    const before = await deviceRow(page);
    await openOwnerArea(page);
    for (const sheets of ['0', '11', '', '1.5', '-2']) {
      await page.getByLabel('Sheets (1 to 10)').fill(sheets);
      await page.getByRole('button', { name: 'Print blank cards' }).click();
      await expect.poll(() => page.locator('.blank-cards').getByRole('alert').innerText(), { message: `sheets “${sheets}”` }).toBe('Choose from 1 to 10 sheets.');
    }
    expect(await deviceRow(page)).toEqual(before);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('prints sheets of 10 reserved card numbers on A4 that later sign-ups and sheets never reuse', async () => {
    async function printSheets(sheets: number): Promise<{ pages: string[][]; device: DeviceRow }> {
      await openOwnerArea(page);
      await page.getByLabel('Sheets (1 to 10)').fill(String(sheets));
      await page.getByRole('button', { name: 'Print blank cards' }).click();
      await page.getByRole('dialog', { name: sheets === 1 ? '1 sheet of blank cards' : `${sheets} sheets of blank cards` }).waitFor();
      await expect.poll(() => page.locator('.printable-card').count()).toBe(sheets * 10);
      const pdf = await printCard();
      expectPageSizes(pdf, A4_PAGE, sheets);
      const pages = (await decodePdfPages(pdf)).map((symbols) => {
        const found = byType(symbols);
        // Each card's CODE128 and QR both read back, and as the same number.
        expect(found['QR-Code']).toEqual(found['CODE-128']);
        expect(Object.keys(found).sort()).toEqual(['CODE-128', 'QR-Code']);
        return found['CODE-128']!;
      });
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      return { pages, device: await deviceRow(page) };
    }

    const before = await deviceRow(page);
    const first = await printSheets(2);
    const reserved = Array.from({ length: 20 }, (_, i) => makeCardNumber(before.cardPrefix, before.lastCardSequence + 1 + i));
    expect(first.pages.map((numbers) => numbers.length)).toEqual([10, 10]);
    expect(first.pages.flat().sort()).toEqual(reserved);
    expect(reserved.every(hasValidCheckDigit)).toBe(true);
    expect(first.device.lastCardSequence).toBe(before.lastCardSequence + 20);

    const signedUp = await signUp('Aino Virtanen');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(reserved).not.toContain(signedUp);

    const second = await printSheets(1);
    expect(second.pages[0]).toHaveLength(10);
    expect(second.pages[0]!.filter((code) => reserved.includes(code) || code === signedUp)).toEqual([]);
  });

  it('shows the card full screen, large enough to photograph its QR', async () => {
    const code = await signUp('Maria Georgiou');
    await page.getByRole('button', { name: 'Done' }).click();
    await openMember('Maria Georgiou');
    await page.getByRole('button', { name: 'Show to customer' }).click();
    const view = page.getByRole('dialog', { name: `Card ${code}` });
    await view.waitFor();
    await expect.poll(() => page.getByTestId('show-card-number').innerText()).toBe(code);
    // Headless Chromium grants full screen after the tap; the view covers the app either way.
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.classList.contains('show-card') ?? false)).toBe(true);

    const symbols = byType(await decodeImage(await page.screenshot()));
    expect(symbols).toEqual({ 'CODE-128': [code], 'QR-Code': [code] });

    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => view.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  });
});
