import type { Browser, Page } from 'playwright-core';
import { launchChromium, openTillPage } from './browser';
import { startServer, type RunningServer } from './server';

/** The real server, a browser, and a page on its till: where most end-to-end files start. */
export interface TillSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startTillSession(viewport?: { width: number; height: number }): Promise<TillSession> {
  const server = await startServer();
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await server.stop();
  };
  try {
    return { server, browser, page: await openTillPage(browser, server.url, viewport), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What the browser does when the tablet switches to another app (headless never hides a page). */
export function setPageHidden(page: Page, hidden: boolean): Promise<void> {
  return page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
