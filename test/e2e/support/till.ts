import type { Page } from 'playwright-core';
import type { LoyaltyProgram } from '../../../src/core/types';
import type { DeviceRow } from '../../../src/db/database';
import { readAppDatabase } from './appDatabase';

/** A key as a wedge scanner sends it: the physical key (code) and what the layout made of it. */
export interface WedgeKey {
  code: string;
  key: string;
}

export const usLayout = (text: string): WedgeKey[] =>
  [...text].map((ch) => ({ code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, key: ch }));

// Hungarian QWERTZ: the Digit0 key types "ö" (0 sits left of 1); French AZERTY types the
// symbols unshifted. Our decoder must still read the digits from KeyboardEvent.code.
const HU_DIGIT_KEYS: Record<string, string> = { '0': 'ö' };
const FR_DIGIT_KEYS = ['à', '&', 'é', '"', "'", '(', '-', 'è', '_', 'ç'];
export const hungarianLayout = (digits: string): WedgeKey[] =>
  [...digits].map((d) => ({ code: `Digit${d}`, key: HU_DIGIT_KEYS[d] ?? d }));
export const frenchLayout = (digits: string): WedgeKey[] =>
  [...digits].map((d) => ({ code: `Digit${d}`, key: FR_DIGIT_KEYS[Number(d)]! }));

/** Dispatches a scanner burst (a few ms between keys) at the document, with no field focused. */
export async function wedgeScan(page: Page, keys: WedgeKey[], gapMs = 4): Promise<void> {
  await page.evaluate(
    async ({ keys, gapMs }) => {
      (document.activeElement as HTMLElement | null)?.blur();
      const press = (code: string, key: string) =>
        document.dispatchEvent(new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true }));
      for (const { code, key } of keys) {
        press(code, key);
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
      press('Enter', 'Enter');
    },
    { keys, gapMs },
  );
}

export interface DbCounts {
  members: number;
  events: number;
  outbox: number;
}

/** Row counts read straight from the app's IndexedDB, to prove that bad input wrote nothing. */
export async function dbCounts(page: Page): Promise<DbCounts> {
  const counted = { count: true } as const;
  return (await readAppDatabase(page, {
    members: { store: 'members', ...counted },
    events: { store: 'events', ...counted },
    outbox: { store: 'outbox', ...counted },
  })) as unknown as DbCounts;
}

/** This tablet's device row (card sequence, owner PIN), read straight from IndexedDB. */
export async function deviceRow(page: Page): Promise<DeviceRow> {
  return (await readAppDatabase(page, { device: { store: 'device', key: 'self' } })).device as DeviceRow;
}

/** The program as stored in the app's IndexedDB. */
export async function storedProgram(page: Page): Promise<LoyaltyProgram> {
  const { row } = await readAppDatabase(page, { row: { store: 'settings', key: 'program' } });
  return (row as { value: LoyaltyProgram }).value;
}

export async function feedbackText(page: Page): Promise<string> {
  return (await page.locator('.feedback').innerText()).trim();
}
