import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { makeCardNumber } from '../../src/core/cardNumber';
import { fakeCameraArgs, launchPersistentChromium } from './support/browser';
import { writeCardVideo, type CardSymbol } from './support/cardVideo';
import { chromiumAvailable } from './support/environment';
import { startServer, type RunningServer } from './support/server';
import { feedbackText, usLayout, wedgeScan } from './support/till';
import { setPageHidden } from './support/tillSession';

// Camera scanning in Debian's Chromium with a fake camera playing a card. The fake camera is
// fixed at launch, so each card relaunches the browser on one profile: the member signed up
// with the first card is the one the later cards must open.

const PRE_PRINTED = makeCardNumber(12345, 7);

/** Records what the page does with the camera and the vibration motor, for the test to read. */
const HARDWARE_RECORDER = `(() => {
  window.__cameraTracks = [];
  window.__vibrations = 0;
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    window.__cameraTracks.push(...stream.getVideoTracks());
    return stream;
  };
  navigator.vibrate = () => { window.__vibrations += 1; return true; };
})();`;

declare global {
  interface Window {
    __cameraTracks: MediaStreamTrack[];
    __vibrations: number;
  }
}
const OLD_PLASTIC_EAN = '4006381333931';

describe.runIf(chromiumAvailable())('scanning with the camera', () => {
  let server: RunningServer;
  let workDir: string;
  let profileDir: string;
  const thirdPartyRequests: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    workDir = mkdtempSync(join(tmpdir(), 'punchline-camera-'));
    profileDir = join(workDir, 'profile');
  });

  afterAll(async () => {
    await server?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    expect(thirdPartyRequests, 'requests that left this machine').toEqual([]);
  });

  /** Opens the till in a browser whose camera shows `card` (or has no camera at all). */
  async function openTill(card: { symbol: CardSymbol; text: string; rotate?: 0 | 90 } | undefined, permission: 'allow' | 'deny' = 'allow') {
    let video: string | undefined;
    if (card) {
      video = join(workDir, `${card.symbol}-${card.text}-${card.rotate ?? 0}.y4m`);
      writeCardVideo(video, card);
    }
    const context = await launchPersistentChromium(profileDir, fakeCameraArgs(video, permission));
    await context.addInitScript({ content: HARDWARE_RECORDER });
    context.on('request', (request) => {
      const { hostname } = new URL(request.url());
      if (!['127.0.0.1', 'localhost'].includes(hostname)) thirdPartyRequests.push(request.url());
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready]');
    return { context, page };
  }

  async function withTill(card: Parameters<typeof openTill>[0], run: (page: Page, context: BrowserContext) => Promise<void>, permission?: 'allow' | 'deny') {
    const { context, page } = await openTill(card, permission);
    try {
      await run(page, context);
    } finally {
      await context.close();
    }
  }

  const openCamera = (page: Page) => page.getByRole('button', { name: 'Scan with camera' }).click();
  const cameraState = (page: Page) => page.locator('.camera').getAttribute('data-camera-state');
  const memberName = (page: Page) => page.locator('#member-name').innerText();
  const liveCameraTracks = (page: Page) => page.evaluate(() => window.__cameraTracks.filter((track) => track.readyState === 'live').length);


  async function punchAgain(page: Page) {
    await page.getByRole('button', { name: 'Punch 1 stamp' }).click();
    await page.getByRole('button', { name: 'Yes, record it' }).click();
    await expect.poll(() => feedbackText(page)).toContain('+1 stamp for Zoé Camera');
  }

  it('signs up with a pre-printed QR card, then opens that member from the card and punches', async () => {
    await withTill({ symbol: 'qr', text: PRE_PRINTED }, async (page) => {
      expect(await page.locator('.camera').count()).toBe(0);
      await openCamera(page);
      await expect.poll(() => page.getByTestId('enroll-card').innerText(), { timeout: 15_000 }).toBe(`Card: ${PRE_PRINTED}`);
      expect(await page.locator('.camera').count(), 'the camera stops when the till is left').toBe(0);
      await page.getByLabel('Name').fill('Zoé Camera');
      await page.getByRole('button', { name: 'Sign up', exact: true }).click();
      expect((await page.getByTestId('card-number').innerText()).trim()).toBe(PRE_PRINTED);
      await page.getByRole('button', { name: 'Done' }).click();

      await page.getByRole('button', { name: 'Close member' }).click();
      await openCamera(page);
      await expect.poll(() => memberName(page), { timeout: 15_000 }).toBe('Zoé Camera');
      const vibrations = await page.evaluate(() => window.__vibrations);
      expect(vibrations, 'each hit vibrates: the sign-up scan and this one').toBe(2);
      await page.getByRole('button', { name: 'Punch 1 stamp' }).click();
      await expect.poll(() => feedbackText(page)).toContain('+1 stamp for Zoé Camera');
      // The card is still in view: it is not read again, so the punched member stays as is.
      await page.waitForTimeout(1500);
      expect(await cameraState(page)).toBe('scanning');
      expect(await feedbackText(page)).toContain('+1 stamp for Zoé Camera');
      expect(await page.evaluate(() => window.__vibrations), 'no further hit').toBe(vibrations);
      // The fake camera has no torch: no button for one. The camera used is remembered.
      expect(await page.getByRole('button', { name: 'Light on' }).count()).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem('punchline.cameraId'))).toBeTruthy();

      // Switching to another app stops the camera; only a tap starts it again.
      await setPageHidden(page, true);
      await expect.poll(() => liveCameraTracks(page), { timeout: 5000 }).toBe(0);
      expect(await cameraState(page)).toBe('paused');
      await setPageHidden(page, false);
      await page.waitForTimeout(500);
      expect(await liveCameraTracks(page)).toBe(0);
      await page.getByRole('button', { name: 'Start the camera again' }).click();
      await expect.poll(() => cameraState(page)).toBe('scanning');
      expect(await liveCameraTracks(page)).toBe(1);

      await page.getByRole('button', { name: 'Close camera' }).click();
      expect(await page.locator('.camera').count()).toBe(0);
      await expect.poll(() => liveCameraTracks(page), { message: 'closing stops the camera', timeout: 5000 }).toBe(0);
    });
  });

  it('opens the member from a CODE128 card, with no network (camera chunk and decoder precached)', async () => {
    await withTill({ symbol: 'code128', text: PRE_PRINTED }, async (page, context) => {
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await context.setOffline(true);
      await openCamera(page);
      await expect.poll(() => memberName(page), { timeout: 15_000 }).toBe('Zoé Camera');
      await punchAgain(page);
    });
  });

  it('opens the member from a CODE128 card turned by 90°', async () => {
    await withTill({ symbol: 'code128', text: PRE_PRINTED, rotate: 90 }, async (page) => {
      await openCamera(page);
      await expect.poll(() => memberName(page), { timeout: 15_000 }).toBe('Zoé Camera');
      await punchAgain(page);
    });
  });

  it('offers to link an unknown old card (EAN-13) to a member found by name, and knows it afterwards', async () => {
    await withTill({ symbol: 'ean13', text: OLD_PLASTIC_EAN }, async (page) => {
      await openCamera(page);
      await expect.poll(() => page.locator('#pending-card-title').innerText(), { timeout: 15_000 }).toBe(
        `Card ${OLD_PLASTIC_EAN} belongs to no member yet.`,
      );
      await page.getByRole('button', { name: 'Close camera' }).click();
      await page.locator('#till-search').fill('zoe');
      await page.getByRole('button', { name: /Zoé Camera.*Link card/ }).click();
      await expect.poll(() => feedbackText(page)).toContain(`Card ${OLD_PLASTIC_EAN} now belongs to Zoé Camera.`);
      await page.getByRole('button', { name: 'Close member' }).click();
      await page.locator('#till-search').fill('');
      await wedgeScan(page, usLayout(OLD_PLASTIC_EAN));
      await expect.poll(() => memberName(page)).toBe('Zoé Camera');
    });
  });

  it('explains a denied or missing camera, and the scanner and typing still work', async () => {
    await withTill(
      { symbol: 'qr', text: PRE_PRINTED },
      async (page) => {
        await openCamera(page);
        await expect.poll(() => cameraState(page), { timeout: 15_000 }).toBe('failed');
        expect(await page.locator('.camera__status').innerText()).toContain('Punchline may not use the camera.');
        await wedgeScan(page, usLayout(PRE_PRINTED));
        await expect.poll(() => memberName(page)).toBe('Zoé Camera');
      },
      'deny',
    );
    await withTill(undefined, async (page) => {
      await openCamera(page);
      await expect.poll(() => cameraState(page), { timeout: 15_000 }).toBe('failed');
      expect(await page.locator('.camera__status').innerText()).toContain('No camera was found');
      await page.locator('#till-search').fill(PRE_PRINTED);
      await page.locator('#till-search').press('Enter');
      await expect.poll(() => memberName(page)).toBe('Zoé Camera');
    });
  });
});
