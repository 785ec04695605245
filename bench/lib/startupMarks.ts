// Start-up milestones, recorded inside every page the bench opens and read back afterwards, so
// no Playwright round trip falls inside a measured interval.

import type { Page } from 'playwright-core';

declare global {
  interface Window {
    __benchReadyAt?: number;
    __benchIdbOpen?: { start: number; end?: number };
  }
}

/**
 * Init script: records performance.now() (ms since navigation start) when
 * <html data-ready="true"> appears, and when the app's indexedDB.open('punchline') starts and
 * succeeds. Observes the document, as documentElement may not exist yet when this runs.
 */
export const STARTUP_MARKS_SCRIPT = `(() => {
  const mark = () => {
    if (window.__benchReadyAt === undefined && document.documentElement && document.documentElement.dataset.ready === 'true') {
      window.__benchReadyAt = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, ...rest) {
    const request = open.call(this, name, ...rest);
    if (name === 'punchline' && !window.__benchIdbOpen) {
      const record = (window.__benchIdbOpen = { start: performance.now() });
      request.addEventListener('success', () => { record.end = performance.now(); });
    }
    return request;
  };
})();`;

/** Where a start-up's time went, all in ms since navigation start. */
export interface Startup {
  readyMs: number;
  /** index.html fully received (from the service worker). */
  htmlMs: number;
  /** The entry chunk fully received. */
  entryJsMs?: number;
  /** The app calls indexedDB.open('punchline') … */
  idbOpenStartMs?: number;
  /** … and it succeeds. */
  idbOpenEndMs?: number;
  /** Service worker started for this navigation (0 when it was already running). */
  swStartMs: number;
}

/** Waits for the app to be ready, then reads the milestones of the page's current load. */
export async function readStartup(page: Page, entryFile: string): Promise<Startup> {
  await page.waitForFunction(() => window.__benchReadyAt !== undefined, undefined, { timeout: 60_000, polling: 20 });
  return page.evaluate((entry) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const script = performance.getEntriesByType('resource').find((r) => r.name.endsWith(entry)) as PerformanceResourceTiming | undefined;
    return {
      readyMs: window.__benchReadyAt!,
      htmlMs: nav.responseEnd,
      entryJsMs: script?.responseEnd,
      idbOpenStartMs: window.__benchIdbOpen?.start,
      idbOpenEndMs: window.__benchIdbOpen?.end,
      swStartMs: nav.workerStart,
    };
  }, `/${entryFile}`);
}
