// Chromium on a persistent user-data-dir, so a case can restart its browser on the same profile
// (and so the same IndexedDB). test/e2e/support only launches throwaway browsers; the Chromium
// path and flags come from there.

import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../test/e2e/support/browser';
import { CHROMIUM_PATH } from '../../test/e2e/support/environment';
import { log } from './log';
import { STARTUP_MARKS_SCRIPT } from './startupMarks';

export interface PersistentBrowser {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
}

export async function launchBrowser(userDataDir: string, offline = false, extraArgs: string[] = []): Promise<PersistentBrowser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  await context.addInitScript({ content: STARTUP_MARKS_SCRIPT });
  if (offline) await context.setOffline(true);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  return { context, page, userDataDir };
}

export async function restartBrowser(browser: PersistentBrowser, offline: boolean): Promise<PersistentBrowser> {
  await browser.context.close();
  return launchBrowser(browser.userDataDir, offline);
}

export async function controlledBySw(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}
