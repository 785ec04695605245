import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/environment';
import { openOwnerArea } from './support/owner';
import { startTillSession, type TillSession } from './support/tillSession';
import { dbCounts, feedbackText } from './support/till';

describe.runIf(chromiumAvailable())('shop and stamp-card settings, end to end', () => {
  let session: TillSession;
  let page: Page;

  beforeAll(async () => {
    session = await startTillSession({ width: 800, height: 1280 });
    page = session.page;
  });

  afterAll(() => session?.close());

  it('refuses a bad value by naming the field, and keeps what was typed', async () => {
    await openOwnerArea(page);
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

  it('shows what a new card size does to members before saving, and applies stamps per purchase and the daily limit at the till', async () => {
    // Maria holds 2 stamps on a card of 8: a card of 2 (with no welcome bonus, which must stay
    // below a card) would make her reward ready at once; a card of 5 changes nothing for her.
    await openOwnerArea(page);
    await page.getByLabel('Welcome bonus stamps at sign-up').fill('0');
    await page.getByLabel('Stamps for a reward').fill('2');
    await expect.poll(() => page.getByTestId('program-impact').innerText({ timeout: 5000 })).toBe('1 member gains a reward now.');
    await page.getByLabel('Stamps for a reward').fill('5');
    await expect.poll(() => page.getByTestId('program-impact').innerText({ timeout: 5000 })).toBe('No member gains or loses a ready reward with this card.');
    await page.getByLabel('Stamps for a reward').fill('8');
    await expect.poll(() => page.getByTestId('program-impact').count()).toBe(0);
    await page.getByLabel('Stamps per purchase').fill('2');
    await page.getByLabel('Most stamps a member may get in a day (0: no limit)').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Please check “Most stamps a member may get in a day (0: no limit)”.');
    await page.getByLabel('Most stamps a member may get in a day (0: no limit)').fill('4');
    await page.getByLabel('Minutes before the same member is punched again without a question').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Settings saved.');

    // Two purchases at 2 stamps each fill the day's allowance of 4; a third is refused.
    await page.getByRole('button', { name: 'One purchase more' }).click();
    await page.getByRole('button', { name: 'Punch 4 stamps' }).click();
    await expect.poll(() => feedbackText(page)).toContain('+4 stamps for Maria Georgiou');
    const before = await dbCounts(page);
    await page.getByRole('button', { name: 'Punch 2 stamps' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Daily limit reached: at most 4 stamps a day, 0 left today');
    expect(await dbCounts(page)).toEqual(before);
  });
});
