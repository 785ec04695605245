import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable } from './support/environment';
import { launchChromium, openTillPage } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { dbCounts, feedbackText } from './support/till';

describe.runIf(chromiumAvailable())('shop and stamp-card settings, end to end', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await openTillPage(browser, server.url, { width: 800, height: 1280 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a bad value by naming the field, and keeps what was typed', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Stamps for a reward').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Please check “Stamps for a reward”.');
    expect(await page.getByLabel('Stamps for a reward').inputValue()).toBe('1');
  });

  it('saves a new program that the till and sign-up follow at once', async () => {
    await page.getByLabel('Shop name').fill('Kávézó <b>Budapest</b>');
    await page.getByLabel('Stamps for a reward').fill('8');
    await page.getByLabel('Reward', { exact: true }).fill('Free cake');
    await page.getByLabel('Welcome bonus stamps at sign-up').fill('2');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Settings saved.');
    await expect.poll(() => page.locator('.app__title').innerText()).toBe('Kávézó <b>Budapest</b>');

    await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
    await page.getByLabel('Name').fill('Maria Georgiou');
    await expect.poll(() => page.getByRole('checkbox', { name: 'Welcome bonus: 2 stamps' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByText(/offers and news from Kávézó <b>Budapest<\/b>/).count()).toBe(1);
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.locator('.stamp').count()).toBe(8);
    await expect.poll(() => page.locator('.stamp--filled').count()).toBe(2);
    await expect.poll(() => page.locator('.member__progress').innerText()).toContain('6 more stamps to Free cake');
    expect(await dbCounts(page)).toMatchObject({ members: 1, events: 2 });
  });
});
