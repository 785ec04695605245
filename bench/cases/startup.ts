// Start-up of the real app from the service worker's cache, offline: warm (page reloads) and
// cold (browser restarts on the same profile).

import { controlledBySw, restartBrowser } from '../lib/browser';
import { formatSamples, log } from '../lib/log';
import { readStartup } from '../lib/startupMarks';
import { median } from '../lib/stats';
import type { AppCase } from './appCase';

export const WARM_RELOADS = 9;
export const COLD_RESTARTS = 3;

/** Reloads round-robin across the cases, so drift in machine load hits every case alike. */
export async function measureWarm(cases: AppCase[], entryFile: string): Promise<void> {
  log(`warm start-up: ${WARM_RELOADS} offline reloads per case, round-robin`);
  for (const c of cases) {
    await c.browser.context.setOffline(true);
    await c.browser.page.reload({ waitUntil: 'load' }); // unmeasured: first load offline
    await readStartup(c.browser.page, entryFile);
  }
  for (let k = 0; k < WARM_RELOADS; k++) {
    for (const c of cases) {
      await c.browser.page.reload({ waitUntil: 'load' });
      c.warm.push(await readStartup(c.browser.page, entryFile));
      if (!(await controlledBySw(c.browser.page))) throw new Error(`${c.label}: reload was not served by the service worker`);
    }
  }
  for (const c of cases) log(`${c.label}: warm start-up median ${median(c.warm.map((s) => s.readyMs)).toFixed(1)} ms [${formatSamples(c.warm.map((s) => s.readyMs))}]`);
}

/** Browser restarts (same user-data-dir), alternating between the cases; offline from the start. */
export async function measureCold(cases: AppCase[], entryFile: string): Promise<void> {
  log(`cold start-up: ${COLD_RESTARTS} browser restarts per case, alternating`);
  for (let k = 0; k < COLD_RESTARTS; k++) {
    for (const c of cases) {
      c.browser = await restartBrowser(c.browser, true);
      await c.browser.page.goto(c.server.url, { waitUntil: 'load' });
      c.cold.push(await readStartup(c.browser.page, entryFile));
      if (!(await controlledBySw(c.browser.page))) throw new Error(`${c.label}: cold load was not served by the service worker`);
    }
  }
  for (const c of cases) {
    const open = c.cold.map((s) => (s.idbOpenEndMs ?? Number.NaN) - (s.idbOpenStartMs ?? Number.NaN));
    log(`${c.label}: start-up after browser restart median ${median(c.cold.map((s) => s.readyMs)).toFixed(1)} ms [${formatSamples(c.cold.map((s) => s.readyMs))}], of which indexedDB.open [${formatSamples(open)}]`);
  }
}
