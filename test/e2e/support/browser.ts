import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './environment';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Chromium's fake camera playing `videoFile`, with the permission prompt answered as told. */
export function fakeCameraArgs(videoFile: string | undefined, permission: 'allow' | 'deny' = 'allow'): string[] {
  return [
    permission === 'allow' ? '--use-fake-ui-for-media-stream' : '--use-fake-ui-for-media-stream=deny',
    ...(videoFile ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${videoFile}`] : []),
  ];
}

/** A browser whose profile (IndexedDB, service worker) outlives it, for runs that relaunch it. */
export function launchPersistentChromium(userDataDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1280, height: 800 },
  });
}

/** A page of its own (own context, so own IndexedDB) on the till at `url`, ready for the first scan. */
export async function openTillPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url);
  await page.waitForSelector('html[data-ready]');
  return page;
}
