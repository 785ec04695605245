import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatCouponCode } from '../../src/core/coupons';
import { readAppDatabase } from './support/appDatabase';
import { chromiumAvailable } from './support/environment';
import { OWNER_PIN, openOwnerArea, settingsDialog } from './support/owner';
import { startTillSession, type TillSession } from './support/tillSession';
import { feedbackText, storedProgram } from './support/till';

// The loyalty program as a shop runs it: the owner sets up points with tiers, a catalogue and a
// coupon campaign behind the PIN; the cashier earns points for amounts typed on the keypad, sees
// the tier go up, meets the cooldown question, redeems a reward and accepts a coupon only once.

const member = (page: Page) => page.locator('section.member');
const points = async (page: Page) => Number(await member(page).locator('[data-points]').getAttribute('data-points'));
const keypad = (page: Page) => page.locator('#points-keypad');

/** Types an amount the way a cashier does on the tablet: taps on the keypad's keys. */
async function tapAmount(page: Page, digits: string): Promise<void> {
  await keypad(page).getByRole('button', { name: 'Clear the amount' }).click();
  for (const digit of digits) await keypad(page).getByRole('button', { name: digit, exact: true }).click();
}

describe.runIf(chromiumAvailable())('a points program with tiers, a catalogue and coupons, end to end', () => {
  let session: TillSession;
  let page: Page;

  beforeAll(async () => {
    session = await startTillSession();
    page = session.page;
  });

  afterAll(() => session?.close());

  it('is set up by the owner behind the PIN, and a wrong PIN is refused', async () => {
    await openOwnerArea(page);
    const dialog = settingsDialog(page);
    await dialog.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const gate = page.getByRole('dialog', { name: 'Owner area' });
    await gate.getByLabel('Owner PIN').fill('1357');
    await gate.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => gate.getByRole('alert').innerText()).toBe('Wrong PIN.');
    expect(await dialog.count()).toBe(0);
    await gate.getByLabel('Owner PIN').fill(OWNER_PIN);
    await gate.getByRole('button', { name: 'Unlock' }).click();
    await dialog.waitFor();

    await dialog.getByLabel('Currency (e.g. HUF, EUR)').fill('EUR');
    await dialog.getByRole('radio', { name: 'Points', exact: true }).check();
    await dialog.getByLabel('Points earned').fill('1');
    await dialog.getByLabel('For every (amount spent)').fill('1.00');
    await dialog.getByLabel('Name of reward 1').fill('Free drink');
    await dialog.getByLabel('Points for reward 1').fill('50');
    await dialog.getByRole('radio', { name: 'Spend', exact: true }).check();
    for (const [name, spend, percent] of [
      ['Bronze', '0', '100'],
      ['Silver', '100', '150'],
    ]) {
      await dialog.getByRole('button', { name: 'Add a tier' }).click();
      const number = await dialog.locator('.rows--tiers .rows__row:not(.rows__row--heading)').count();
      await dialog.getByLabel(`Name of tier ${number}`).fill(name!);
      await dialog.getByLabel(`Spend for tier ${number} (EUR)`).fill(spend!);
      await dialog.getByLabel(`Points in % for tier ${number}`).fill(percent!);
    }
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Settings saved.');
    expect(await storedProgram(page)).toMatchObject({
      mode: 'points',
      pointsPer: 1,
      pointsSpendUnitMinor: 100,
      catalogue: [{ name: 'Free drink', cost: 50 }],
      tierBasis: 'spend',
      tiers: [
        { name: 'Bronze', threshold: 0, multiplierPercent: 100 },
        { name: 'Silver', threshold: 10_000, multiplierPercent: 150 },
      ],
      cooldownMinutes: 5,
    });

    await openOwnerArea(page);
    await dialog.getByLabel('Campaign name').fill('We miss you');
    await dialog.getByLabel('What the customer gets').fill('15 % off');
    await dialog.getByLabel('How many codes (1 to 500)').fill('3');
    await dialog.getByRole('button', { name: 'Make codes and print' }).click();
    await page.getByRole('dialog', { name: '3 coupons of “We miss you”' }).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    expect((await storedProgram(page)).coupons[0]!.codes).toHaveLength(3);
  });

  it('earns points for amounts, goes up a tier, asks inside the cooldown, redeems, and takes a coupon once', async () => {
    await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
    await page.getByLabel('Name').fill('Nikos Papadopoulos');
    await page.getByLabel('Phone').fill('+30 691 234 5678');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await expect.poll(() => feedbackText(page)).toContain('Welcome, Nikos Papadopoulos!');
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await expect.poll(() => member(page).getAttribute('data-mode')).toBe('points');
    expect(await member(page).locator('[data-tier]').innerText()).toContain('Bronze');

    // €60.00 typed on the physical keyboard (the keypad has the focus when the member opens).
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('points-keypad');
    await page.keyboard.type('6000');
    await expect.poll(() => keypad(page).locator('[data-amount-minor]').getAttribute('data-amount-minor')).toBe('6000');
    expect(await keypad(page).locator('.keypad__amount').innerText()).toBe('€60.00');
    await keypad(page).getByRole('button', { name: 'Add 60 points' }).click();
    await expect.poll(() => feedbackText(page)).toContain('+60 points for Nikos Papadopoulos');
    expect(await points(page)).toBe(60);

    // A second purchase a minute later is probably a double scan: the till asks first.
    await tapAmount(page, '5000');
    await keypad(page).getByRole('button', { name: 'Add 50 points' }).click();
    const question = page.getByRole('alertdialog', { name: 'Again so soon?' });
    await question.waitFor();
    await question.getByRole('button', { name: 'No, cancel' }).click();
    expect(await points(page)).toBe(60);
    await keypad(page).getByRole('button', { name: 'Add 50 points' }).click();
    await question.getByRole('button', { name: 'Yes, record it' }).click();
    // €110 spent: Silver, announced; this purchase still earned at the Bronze rate.
    await expect.poll(() => feedbackText(page)).toContain('+50 points for Nikos Papadopoulos — now Silver!');
    await expect.poll(() => points(page)).toBe(110);
    expect(await member(page).locator('[data-tier]').innerText()).toContain('Silver');

    // At Silver, €10.00 earns 15 points.
    await tapAmount(page, '1000');
    await keypad(page).getByRole('button', { name: 'Add 15 points' }).click();
    await page.getByRole('alertdialog', { name: 'Again so soon?' }).getByRole('button', { name: 'Yes, record it' }).click();
    await expect.poll(() => points(page)).toBe(125);

    await member(page).getByRole('button', { name: 'Redeem: Free drink' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Free drink for Nikos Papadopoulos!');
    await expect.poll(() => points(page)).toBe(75);

    // The customer brings a coupon: accepted once, refused the second time.
    const code = formatCouponCode((await storedProgram(page)).coupons[0]!.codes[0]!);
    const search = page.locator('#till-search');
    await search.fill(code);
    await search.press('Enter');
    await expect.poll(() => feedbackText(page)).toContain('Coupon “We miss you” accepted for Nikos Papadopoulos: 15 % off');
    await search.fill(code.toLowerCase());
    await search.press('Enter');
    await expect.poll(() => feedbackText(page)).toContain(`Coupon ${code} was already used.`);
    expect(await points(page)).toBe(75);

    const { events } = await readAppDatabase(page, { events: { store: 'events', all: true } });
    const kinds = (events as { kind: string; points?: number; amountMinor?: number; rewardId?: string }[]).map((e) => [e.kind, e.points, e.amountMinor, e.rewardId]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['earn', 60, 6000, undefined],
        ['earn', 50, 5000, undefined],
        ['earn', 15, 1000, undefined],
        ['redeem', -50, undefined, expect.any(String)],
        ['redeem', undefined, undefined, `coupon:${code.replace('-', '')}`],
      ]),
    );
    expect(kinds.filter(([kind]) => kind === 'redeem')).toHaveLength(2);

    // The card shown to the customer carries their tier and points too.
    await member(page).getByRole('button', { name: 'Show to customer' }).click();
    await expect.poll(() => page.getByTestId('show-card-standing').innerText()).toBe('Silver · 75 points');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('shows the owner what a dearer reward does to members before saving it', async () => {
    await openOwnerArea(page);
    const dialog = settingsDialog(page);
    // Nikos holds 75 points: the drink at 80 would take it out of his reach.
    await dialog.getByLabel('Points for reward 1').fill('80');
    await expect.poll(() => dialog.getByTestId('program-impact').innerText()).toBe('1 member loses a reward they could take now.');
    await dialog.getByLabel('Points for reward 1').fill('50');
    await expect.poll(() => dialog.getByTestId('program-impact').count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('warns the cashier before stamps expire, once the owner makes stamps valid for 20 days', async () => {
    await openOwnerArea(page);
    const dialog = settingsDialog(page);
    await dialog.getByRole('radio', { name: 'Stamp card', exact: true }).check();
    await dialog.getByLabel('Days each stamp stays valid (0: stamps never expire)').fill('20');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Settings saved.');
    await expect.poll(() => member(page).getAttribute('data-mode')).toBe('stamps');

    await member(page).getByRole('button', { name: 'Punch 1 stamp' }).click();
    await page.getByRole('alertdialog', { name: 'Again so soon?' }).getByRole('button', { name: 'Yes, record it' }).click();
    const expiresOn = await page.evaluate(() => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' }).format(Date.now() + 20 * 86_400_000));
    await expect.poll(() => member(page).locator('[data-expiring="stamps"]').innerText()).toContain(`1 stamp expires on ${expiresOn}`);
  });
});
