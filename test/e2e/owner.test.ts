import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumAvailable } from './support/environment';
import { OWNER_PIN, settingsDialog, unlockOwnerArea } from './support/owner';
import { setPageHidden, startTillSession, type TillSession } from './support/tillSession';
import { deviceRow, feedbackText } from './support/till';

// The owner area: Settings opens only behind the owner PIN, set on first use; Lock, a hidden
// page and 5 idle minutes lock it; wrong PINs make the next try wait, across a reload too.

const openSettings = (page: Page) => page.getByRole('button', { name: 'Settings', exact: true }).click();
const pinGate = (page: Page) => page.getByRole('dialog', { name: 'Owner area' });

/** Types a PIN at the gate and waits until it has been checked (a refused one is cleared). */
async function tryPin(gate: Locator, pin: string): Promise<void> {
  await gate.getByLabel('Owner PIN').fill(pin);
  await gate.getByRole('button', { name: 'Unlock' }).click();
  await expect.poll(() => gate.getByLabel('Owner PIN').inputValue()).toBe('');
}

const notice = (gate: Locator) => gate.locator('.owner-gate__notice');

describe.runIf(chromiumAvailable())('owner area behind the owner PIN, end to end', () => {
  let session: TillSession;
  let page: Page;

  beforeAll(async () => {
    session = await startTillSession();
    page = session.page;
  });

  afterAll(() => session?.close());

  it('asks for an owner PIN the first time, refuses a repeat that differs, then opens Settings', async () => {
    await openSettings(page);
    const gate = page.getByRole('dialog', { name: 'Set an owner PIN' });
    const newPin = gate.getByLabel(/^New PIN/);
    expect(await newPin.getAttribute('type')).toBe('password');
    expect(await newPin.getAttribute('inputmode')).toBe('numeric');
    await newPin.fill(OWNER_PIN);
    await gate.getByLabel('Repeat the new PIN').fill('2469');
    await gate.getByRole('button', { name: 'Set PIN' }).click();
    await expect.poll(() => gate.getByRole('alert').innerText()).toBe('The two PINs differ. Type the same PIN twice.');
    expect((await deviceRow(page)).ownerPin).toBeUndefined();
    expect(await settingsDialog(page).count()).toBe(0);

    await unlockOwnerArea(page);
    const stored = (await deviceRow(page)).ownerPin!;
    expect(stored).toMatchObject({ failures: 0, record: { algorithm: 'PBKDF2-SHA-256' } });
    expect(JSON.stringify(stored)).not.toContain(OWNER_PIN);
  });

  it('locks with Lock; then a wrong PIN is refused with a message and Settings stays shut', async () => {
    await settingsDialog(page).getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await openSettings(page);
    const gate = pinGate(page);
    await tryPin(gate, '1111');
    expect(await gate.getByRole('alert').innerText()).toBe('Wrong PIN.');
    expect(await settingsDialog(page).count()).toBe(0);
  });

  it('makes the owner wait after three wrong PINs, longer after each, across a reload, then lets the right PIN in', async () => {
    const gate = pinGate(page);
    await tryPin(gate, '2222');
    await tryPin(gate, '3333');
    await expect.poll(() => notice(gate).innerText()).toBe('Too many wrong PINs. Try again in 1 s.');
    expect(await gate.getByLabel('Owner PIN').isDisabled()).toBe(true);
    expect(await gate.getByRole('button', { name: 'Unlock' }).isDisabled()).toBe(true);

    // The field opens again when the wait is over; the next wrong PINs wait 2 s, then 4 s.
    await expect.poll(() => gate.getByLabel('Owner PIN').isEnabled(), { timeout: 3000 }).toBe(true);
    await tryPin(gate, '4444');
    await expect.poll(() => notice(gate).innerText()).toMatch(/^Too many wrong PINs\. Try again in [12] s\.$/);
    await expect.poll(() => gate.getByLabel('Owner PIN').isEnabled(), { timeout: 4000 }).toBe(true);
    await tryPin(gate, '5555');
    expect((await deviceRow(page)).ownerPin).toMatchObject({ failures: 5 });

    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await openSettings(page);
    await expect.poll(() => notice(pinGate(page)).innerText()).toMatch(/^Too many wrong PINs\. Try again in [1-4] s\.$/);
    expect(await pinGate(page).getByLabel('Owner PIN').isDisabled()).toBe(true);

    await expect.poll(() => pinGate(page).getByLabel('Owner PIN').isEnabled(), { timeout: 6000 }).toBe(true);
    await unlockOwnerArea(page);
    expect((await deviceRow(page)).ownerPin).toMatchObject({ failures: 0 });
  });

  it('locks when the tablet switches app', async () => {
    await setPageHidden(page, true);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await setPageHidden(page, false);
    await openSettings(page);
    await pinGate(page).waitFor();
    expect(await settingsDialog(page).count()).toBe(0);
    await unlockOwnerArea(page);
  });

  it('lets only the owner void an earlier entry from a member\'s history', async () => {
    await settingsDialog(page).getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
    await page.getByLabel('Name').fill('Ödön Void');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Punch 1 stamp' }).click();
    await expect.poll(() => page.locator('.stamp--filled').count()).toBe(1);

    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'Recent entries' });
    await expect.poll(() => history.locator('.history__what').allInnerTexts()).toEqual(['Punched 1 stamp', 'Signed up']);
    expect(await history.getByRole('button', { name: 'Void' }).count(), 'a cashier sees no void').toBe(0);
    expect(await history.locator('.history__hint').innerText()).toContain('only by the owner');

    await openSettings(page);
    await unlockOwnerArea(page);
    await settingsDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await history.getByRole('button', { name: 'Void' }).click();
    await expect.poll(() => feedbackText(page)).toContain('Voided.');
    await expect.poll(() => history.locator('.history__what').allInnerTexts()).toEqual(['Void of an earlier entry', 'Punched 1 stamp · voided', 'Signed up']);
    await expect.poll(() => page.locator('.stamp--filled').count()).toBe(0);
  });

  it('locks after 5 minutes without a touch in the owner area; touches keep it open', async () => {
    const context = await session.browser.newContext();
    try {
      const owner = await context.newPage();
      await owner.clock.install();
      await owner.goto(session.server.url);
      await owner.waitForSelector('html[data-ready]');
      await openSettings(owner);
      await unlockOwnerArea(owner);

      await owner.clock.fastForward('04:00');
      await settingsDialog(owner).getByLabel('Shop name').click();
      await owner.clock.fastForward('04:00');
      expect(await settingsDialog(owner).isVisible()).toBe(true);
      await owner.clock.fastForward('01:01');
      await expect.poll(() => owner.getByRole('dialog').count()).toBe(0);
      await openSettings(owner);
      await pinGate(owner).waitFor();
    } finally {
      await context.close();
    }
  });
});
