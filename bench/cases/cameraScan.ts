// Camera scan → member → punch in the real app, with Chromium's fake camera playing a card, driven
// from inside the page by page/cameraDriver.ts. The bench bundles must have been built.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCardNumber } from '../../src/core/cardNumber';
import { fakeCameraArgs } from '../../test/e2e/support/browser';
import { writeCardVideo, type CardSymbol } from '../../test/e2e/support/cardVideo';
import { openOwnerArea } from '../../test/e2e/support/owner';
import { startServer } from '../../test/e2e/support/server';
import { injectedDriverSource } from '../lib/benchBundles';
import { launchBrowser } from '../lib/browser';
import { log } from '../lib/log';
import { median, p95 } from '../lib/stats';
import type { CameraScanTiming } from '../page/cameraDriver';
// window.punchlineBench is typed by this file's `declare global`.
import type {} from '../page/inject';

const WARMUP = 3;
const RUNS = 20;
const MEMBER = 'Camera Bench';

export interface CameraScanResult {
  symbol: CardSymbol;
  samples: CameraScanTiming[];
  p95Ms: number;
  medianMs: number;
}

export async function measureCameraScan(symbol: CardSymbol): Promise<CameraScanResult> {
  const workDir = mkdtempSync(join(tmpdir(), `punchline-bench-camera-${symbol}-`));
  const server = await startServer();
  const card = makeCardNumber(12345, 7);
  const video = join(workDir, 'card.y4m');
  writeCardVideo(video, { symbol, text: card });
  const browser = await launchBrowser(join(workDir, 'profile'), false, fakeCameraArgs(video));
  const { page } = browser;
  try {
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready]');
    // Every run punches the same member: no cooldown question in between.
    await openOwnerArea(page);
    await page.getByLabel('Minutes before the same member is punched again without a question').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    // The card is a pre-printed one: the first scan signs its holder up.
    await page.getByRole('button', { name: 'Scan with camera' }).click();
    await page.getByLabel('Name').fill(MEMBER);
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Close member' }).click();

    log(`camera ${symbol}: scan → member → punch, ${WARMUP} + ${RUNS} runs`);
    await page.evaluate(injectedDriverSource());
    const samples: CameraScanTiming[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const timing = await page.evaluate((name) => window.punchlineBench!.scanWithCameraAndPunch(name), MEMBER);
      if (run >= WARMUP) samples.push(timing);
      await page.getByRole('button', { name: 'Close camera' }).click();
      await page.getByRole('button', { name: 'Close member' }).click();
      await page.waitForTimeout(300);
    }
    const totals = samples.map((s) => s.videoToPunchMs);
    const result = { symbol, samples, p95Ms: p95(totals), medianMs: median(totals) };
    log(
      `camera ${symbol}: video → punch p95 ${result.p95Ms.toFixed(0)} ms (median ${result.medianMs.toFixed(0)}), ` +
        `video → member p95 ${p95(samples.map((s) => s.videoToMemberMs)).toFixed(0)} ms, tap → video p95 ${p95(samples.map((s) => s.tapToVideoMs)).toFixed(0)} ms`,
    );
    return result;
  } finally {
    await browser.context.close();
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
