// Sync indicator milestones, recorded inside the page and read back afterwards, so no Playwright
// round trip falls inside the measured first sync (the same idea as startupMarks.ts).

import type { Page } from 'playwright-core';

export interface SyncMarks {
  /** performance.now() of the click on the connect form's submit button. */
  clickAt?: number;
  /** Every change of the header's data-sync-state, in order. */
  transitions: { state: string | null; at: number }[];
  /** A <progress> was shown inside the "loading" indicator. */
  progressSeen: boolean;
  /** The distinct percentages it showed. */
  percents: number[];
  /** The first "synced" after the click that follows a running state ("loading" or "syncing"). */
  syncedAt?: number;
}

declare global {
  interface Window {
    __benchSync?: SyncMarks;
  }
}

/** Init script: watches [data-sync-state] (the element is replaced as the state changes) and the submit click. */
export const SYNC_MARKS_SCRIPT = `(() => {
  const marks = (window.__benchSync = { transitions: [], progressSeen: false, percents: [], ranAfterClick: false });
  let last;
  const look = () => {
    const el = document.querySelector('[data-sync-state]');
    const state = el ? el.getAttribute('data-sync-state') : null;
    if (state !== last) {
      last = state;
      const at = performance.now();
      marks.transitions.push({ state, at });
      // Only a sync that ran after the click and finished counts (a second tab may have synced before).
      if (state === 'loading' || state === 'syncing') marks.ranAfterClick ||= marks.clickAt !== undefined;
      if (state === 'synced' && marks.ranAfterClick && marks.syncedAt === undefined) marks.syncedAt = at;
    }
    const progress = state === 'loading' ? el.querySelector('progress') : null;
    if (progress) {
      marks.progressSeen = true;
      if (marks.percents.at(-1) !== progress.value) marks.percents.push(progress.value);
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-sync-state', 'value'] });
  document.addEventListener('click', (event) => {
    if (marks.clickAt === undefined && event.target instanceof Element && event.target.closest('form button[type=submit]')) marks.clickAt = performance.now();
  }, true);
})();`;

export const readSyncMarks = (page: Page): Promise<SyncMarks> => page.evaluate(() => window.__benchSync!);

/** Resolves when the first sync after the click has finished, as the indicator shows it. */
export async function waitForSynced(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(() => window.__benchSync?.syncedAt !== undefined, undefined, { timeout: timeoutMs, polling: 250 });
}

