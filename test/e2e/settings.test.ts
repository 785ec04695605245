import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatCouponCode } from '../../src/core/coupons';
import type { LedgerEvent } from '../../src/core/types';
import { addToAppDatabase, readAppDatabase } from './support/appDatabase';
import { chromiumAvailable, toolsAvailable } from './support/environment';
import { openOwnerArea, settingsDialog } from './support/owner';
import { decodePdfPages, MM_IN_POINTS, pdfPageSizes, pdfText, PRINTOUT_TOOLS } from './support/printout';
import { startTillSession, type TillSession } from './support/tillSession';
import { dbCounts, feedbackText, storedProgram } from './support/till';

/**
 * What another tablet's use of the same coupon looks like once sync brings it: the same code on
 * the same member, later, from another device. Written straight into IndexedDB.
 */
function addUseFromAnotherTablet(page: Page, use: LedgerEvent, deviceId: string): Promise<void> {
  return addToAppDatabase(page, 'events', { ...use, id: `${use.id}-other`, deviceId, hlc: `${use.hlc}~` });
}

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
    await expect.poll(() => page.getByTestId('program-impact').innerText({ timeout: 5000 })).toBe('No member gains or loses a reward they could take now.');
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
    await expect.poll(() => feedbackText(page)).toContain('Daily limit reached for this member: at most 4 a day, 0 left today.');
    expect(await dbCounts(page)).toEqual(before);
  });

  it('saves a points program with a catalogue and tiers, amounts read in the shop currency', async () => {
    await openOwnerArea(page);
    const dialog = settingsDialog(page);
    await dialog.getByLabel('Currency (e.g. HUF, EUR)').fill('EUR');
    await dialog.getByRole('radio', { name: 'Points', exact: true }).check();
    // The stamp card's settings leave the form; the points sections come in.
    expect(await dialog.getByLabel('Stamps for a reward').count()).toBe(0);
    expect(await dialog.getByLabel('Days each stamp stays valid (0: stamps never expire)').count()).toBe(0);

    await dialog.getByLabel('Points earned').fill('1');
    await dialog.getByLabel('For every (amount spent)').fill('1,00');
    await dialog.getByRole('radio', { name: /^Round to nearest/ }).check();
    await expect.poll(() => page.getByTestId('rounding-example').innerText()).toBe('A purchase of €12.50 earns 13 points.');
    await dialog.getByRole('radio', { name: /^Round down/ }).check();
    await expect.poll(() => page.getByTestId('rounding-example').innerText()).toBe('A purchase of €12.50 earns 12 points.');
    await dialog.getByLabel('Welcome bonus points at sign-up').fill('20');
    await dialog.getByLabel('Most for one purchase').fill('500');

    // A points program starts with one reward row, which cannot be removed.
    expect(await dialog.getByRole('button', { name: 'Remove reward 1' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Name of reward 1').fill('Free drink');
    await dialog.getByLabel('Points for reward 1').fill('50');
    await dialog.getByRole('button', { name: 'Add a reward' }).click();
    await dialog.getByLabel('Name of reward 2').fill('Cake');
    await dialog.getByLabel('Points for reward 2').fill('120');

    // Tiers by spend, typed out of order: they sort once the focus leaves the rows.
    await dialog.getByRole('radio', { name: 'Spend', exact: true }).check();
    for (const [name, spend, percent] of [
      ['Bronze', '0', '100'],
      ['Gold', '500', '150'],
      ['Silver', '250,50', '125'],
    ]) {
      await dialog.getByRole('button', { name: 'Add a tier' }).click();
      const number = await dialog.locator('.rows--tiers .rows__row:not(.rows__row--heading)').count();
      await dialog.getByLabel(`Name of tier ${number}`).fill(name!);
      await dialog.getByLabel(`Spend for tier ${number} (EUR)`).fill(spend!);
      await dialog.getByLabel(`Points in % for tier ${number}`).fill(percent!);
    }
    await dialog.getByLabel('Days counted for tiers (the last … days)').fill('180');
    expect(await dialog.getByLabel('Name of tier 2').inputValue()).toBe('Silver');
    expect(await dialog.getByLabel('Name of tier 3').inputValue()).toBe('Gold');

    await dialog.getByRole('radio', { name: 'Some months after they were earned' }).check();
    await dialog.getByLabel('Months before points expire').fill('12');
    await dialog.getByLabel('Most points a member may get in a day (0: no limit)').fill('1000');

    // Euros have two decimals: a third is refused by name, and nothing is saved.
    const before = await storedProgram(page);
    await dialog.getByLabel('For every (amount spent)').fill('1.005');
    expect(await page.getByTestId('rounding-example').count()).toBe(0);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Please check “For every (amount spent)”.');
    expect(await storedProgram(page)).toEqual(before);

    await dialog.getByLabel('For every (amount spent)').fill('1.00');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Settings saved.');
    expect(await storedProgram(page)).toMatchObject({
      version: before.version + 1,
      mode: 'points',
      pointsPer: 1,
      pointsSpendUnitMinor: 100,
      pointsRounding: 'down',
      welcomeBonusPoints: 20,
      maxPurchaseMinor: 50_000,
      dailyCap: 1000,
      catalogue: [
        { name: 'Free drink', cost: 50 },
        { name: 'Cake', cost: 120 },
      ],
      tierBasis: 'spend',
      tierWindowDays: 180,
      tiers: [
        { name: 'Bronze', threshold: 0, multiplierPercent: 100 },
        { name: 'Silver', threshold: 25_050, multiplierPercent: 125 },
        { name: 'Gold', threshold: 50_000, multiplierPercent: 150 },
      ],
      pointsExpiry: 'afterEarning',
      pointsExpiryMonths: 12,
      // The stamp card's settings stay as they were, for a switch back.
      goal: before.goal,
    });

    // Opened again, the form shows the amounts as euros.
    await openOwnerArea(page);
    expect(await dialog.getByRole('radio', { name: 'Points', exact: true }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('For every (amount spent)').inputValue()).toBe('1.00');
    expect(await dialog.getByLabel('Spend for tier 2 (EUR)').inputValue()).toBe('250.50');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it.runIf(toolsAvailable('coupon print test', PRINTOUT_TOOLS))(
    'makes a batch of coupons whose printed QR codes read back as its codes, and shows their use and a code used twice',
    async () => {
      await openOwnerArea(page);
      const dialog = settingsDialog(page);
      await dialog.getByLabel('Campaign name').fill('We miss you');
      await dialog.getByLabel('What the customer gets').fill('15 % off');
      await dialog.getByLabel('How many codes (1 to 500)').fill('501');
      await dialog.getByRole('button', { name: 'Make codes and print' }).click();
      await expect.poll(() => dialog.locator('.coupons').getByRole('alert').innerText()).toBe('Choose from 1 to 500 codes.');
      expect((await storedProgram(page)).coupons).toEqual([]);

      await dialog.getByLabel('How many codes (1 to 500)').fill('12');
      await dialog.getByLabel('Last valid day (optional)').fill('2099-12-31');
      await dialog.getByRole('button', { name: 'Make codes and print' }).click();
      await page.getByRole('dialog', { name: '12 coupons of “We miss you”' }).waitFor();
      const [batch] = (await storedProgram(page)).coupons;
      expect(batch).toMatchObject({ name: 'We miss you', benefit: '15 % off', validUntil: '2099-12-31' });
      expect(batch!.codes).toHaveLength(12);
      await expect.poll(() => page.getByTestId('printable-coupon').count()).toBe(12);

      const pdf = await page.pdf({ preferCSSPageSize: true });
      const sizes = pdfPageSizes(pdf);
      expect(sizes).toHaveLength(2);
      for (const size of sizes) {
        expect(Math.abs(size.width - 210 * MM_IN_POINTS)).toBeLessThanOrEqual(1);
        expect(Math.abs(size.height - 297 * MM_IN_POINTS)).toBeLessThanOrEqual(1);
      }
      const pages = await decodePdfPages(pdf);
      expect(pages.map((symbols) => symbols.length)).toEqual([10, 2]);
      expect(pages.flat().every((symbol) => symbol.type === 'QR-Code')).toBe(true);
      expect(pages.flat().map((symbol) => symbol.data).sort()).toEqual([...batch!.codes].sort());
      const text = await pdfText(pdf);
      for (const code of batch!.codes) expect(text).toContain(formatCouponCode(code));
      expect(text).toContain('15 % off');
      expect(text).toContain('Valid until Dec 31, 2099');
      expect(text).not.toContain('Actual size');
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      // Maria brings one to the till.
      const code = batch!.codes[0]!;
      await page.locator('#till-search').fill('Maria Georgiou');
      await page.locator('#till-search').press('Enter');
      await expect.poll(() => page.locator('#member-name').innerText()).toBe('Maria Georgiou');
      await page.locator('#till-search').fill(formatCouponCode(code));
      await page.locator('#till-search').press('Enter');
      await expect.poll(() => feedbackText(page)).toContain('Coupon “We miss you” accepted for Maria Georgiou: 15 % off');

      // Another tablet, offline meanwhile, accepted the same code; sync brings its use.
      const { events } = await readAppDatabase(page, { events: { store: 'events', all: true } });
      const use = (events as LedgerEvent[]).find((event) => event.rewardId === `coupon:${code}`)!;
      await addUseFromAnotherTablet(page, use, 'tablet-b-0000abcd');

      await openOwnerArea(page);
      await expect.poll(() => dialog.getByTestId('coupon-batch').innerText()).toContain('1 of 12 used');
      expect(await dialog.getByTestId('coupon-batch').innerText()).toContain('Valid until Dec 31, 2099');
      await expect.poll(() => dialog.getByTestId('coupon-reuse').innerText()).toMatch(new RegExp(`^${formatCouponCode(code)}: Maria Georgiou, .+, on tablet …0000abcd$`));
      expect(await dialog.getByText('Two tablets accepted the same code while they were offline.', { exact: false }).count()).toBe(1);

      // Printed again from the list.
      await dialog.getByRole('button', { name: 'Print the codes of “We miss you”' }).click();
      await page.getByRole('dialog', { name: '12 coupons of “We miss you”' }).waitFor();
      await page.getByRole('button', { name: 'Close', exact: true }).click();
    },
  );
});
