import type { Page } from 'playwright-core';

/** The owner PIN the tests set on each fresh tablet. */
export const OWNER_PIN = '2468';

/** Settings, open: the owner area's first screen once the PIN is through. */
export const settingsDialog = (page: Page) => page.getByRole('dialog', { name: 'Shop and loyalty program' });

/**
 * Gets through the owner gate that is on screen (or already open): on a tablet without an owner
 * PIN it sets `pin`, otherwise it types it. Returns once Settings is open.
 */
export async function unlockOwnerArea(page: Page, pin = OWNER_PIN): Promise<void> {
  const setPin = page.getByRole('dialog', { name: 'Set an owner PIN' });
  const enterPin = page.getByRole('dialog', { name: 'Owner area' });
  await settingsDialog(page).or(setPin).or(enterPin).waitFor();
  if (await setPin.isVisible()) {
    await setPin.getByLabel(/^New PIN/).fill(pin);
    await setPin.getByLabel('Repeat the new PIN').fill(pin);
    await setPin.getByRole('button', { name: 'Set PIN' }).click();
  } else if (await enterPin.isVisible()) {
    await enterPin.getByLabel('Owner PIN').fill(pin);
    await enterPin.getByRole('button', { name: 'Unlock' }).click();
  }
  await settingsDialog(page).waitFor();
}

/** The header's Settings button, then the owner gate. */
export async function openOwnerArea(page: Page, pin = OWNER_PIN): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await unlockOwnerArea(page, pin);
}
