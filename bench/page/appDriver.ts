// Runs inside the REAL built app's page (injected by bench/cases/scanPunch.ts as an IIFE): drives a
// keyboard-wedge scan and a punch and times them with performance.now() and a MutationObserver,
// so no Playwright round trip is inside any measured interval.

import { currentSuccess, newSuccessFor, readyPunchButton } from './tillDom';

export interface TxRecord {
  mode: IDBTransactionMode;
  stores: string[];
  start: number;
  end?: number;
}

export interface ScanPunchTiming {
  /** Enter keydown → h2#member-name shows the scanned member (DOM committed). */
  scanToMemberMs: number;
  /** click on the punch button → a new .feedback--success naming the member (DOM committed). */
  punchMs: number;
  /** Enter keydown → success feedback, the punch clicked as soon as the member was shown. */
  totalMs: number;
  /** Diagnostics (needs the recorder, else 0 / NaN): IndexedDB transactions during the scan phase. */
  scanTxCount: number;
  /** Diagnostics: the longest stretch of the scan phase with no transaction running. */
  scanLongestIdleMs: number;
  /** Diagnostics: creation → complete of the punch's readwrite transaction. */
  punchRwTxMs: number;
  /** Diagnostics: punch's rw transaction complete → success feedback in the DOM. */
  punchAfterCommitMs: number;
}

declare global {
  interface Window {
    /**
     * Every IndexedDB transaction the page opened, when bench/cases/scanPunch.ts installed its recorder as an
     * init script (Dexie binds IDBDatabase.transaction when it opens, so patching it later is
     * too late).
     */
    __benchTx?: TxRecord[];
  }
}

const recorded = (): TxRecord[] => window.__benchTx ?? [];

function longestIdle(from: number, to: number): number {
  const spans = recorded()
    .filter((t) => t.start < to && (t.end ?? to) > from)
    .map((t) => [Math.max(from, t.start), Math.min(to, t.end ?? to)] as const)
    .sort((a, b) => a[0] - b[0]);
  let longest = 0;
  let cursor = from;
  for (const [start, end] of spans) {
    longest = Math.max(longest, start - cursor);
    cursor = Math.max(cursor, end);
  }
  return Math.max(longest, to - cursor);
}

function keyEvent(code: string, key: string): KeyboardEvent {
  return new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true });
}

/** A wedge burst of `code` (digits only) then Enter, then a click on the punch button. */
export function scanAndPunch(code: string, name: string, timeoutMs = 10_000): Promise<ScanPunchTiming> {
  if (window.__benchTx) window.__benchTx.length = 0;
  return new Promise((resolve, reject) => {
    const previousSuccess = currentSuccess();
    let phase: 'scan' | 'punch' | 'done' = 'scan';
    let enterAt = 0;
    let shownAt = 0;
    let clickAt = 0;
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => {
      observer.disconnect();
      const heading = document.getElementById('member-name')?.textContent;
      const feedback = document.querySelector('.feedback')?.textContent;
      reject(new Error(`scanAndPunch timed out in phase ${phase} (heading "${heading}", feedback "${feedback}")`));
    }, timeoutMs);

    function finish(doneAt: number): void {
      const transactions = recorded();
      const punchTx = transactions.find((t) => t.mode === 'readwrite' && t.start >= clickAt && t.stores.includes('events'));
      resolve({
        scanToMemberMs: shownAt - enterAt,
        punchMs: doneAt - clickAt,
        totalMs: doneAt - enterAt,
        scanTxCount: transactions.filter((t) => t.start >= enterAt && t.start < shownAt).length,
        scanLongestIdleMs: longestIdle(enterAt, shownAt),
        punchRwTxMs: punchTx?.end !== undefined ? punchTx.end - punchTx.start : Number.NaN,
        punchAfterCommitMs: punchTx?.end !== undefined ? doneAt - punchTx.end : Number.NaN,
      });
    }

    function check(): void {
      if (phase === 'scan') {
        const button = readyPunchButton(name);
        if (button) {
          shownAt = performance.now();
          phase = 'punch';
          clickAt = performance.now();
          button.click();
        }
      }
      if (phase === 'punch') {
        if (newSuccessFor(name, previousSuccess)) {
          const doneAt = performance.now();
          phase = 'done';
          observer.disconnect();
          clearTimeout(timer);
          finish(doneAt);
        }
      }
    }

    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    for (const digit of code) {
      if (!/\d/.test(digit)) throw new Error(`scanAndPunch: digits only, got ${code}`);
      document.dispatchEvent(keyEvent(`Digit${digit}`, digit));
    }
    enterAt = performance.now();
    document.dispatchEvent(keyEvent('Enter', 'Enter'));
    check();
  });
}
