import type { Iso } from './types';

// Date arithmetic that every tablet and the server do alike: in UTC, so the result never depends
// on a tablet's time zone.

const DAY_MS = 86_400_000;

export function addDays(iso: Iso, days: number): Iso {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** The same day and time N months later; the 31st of a shorter month becomes its last day. */
export function addMonths(iso: Iso, months: number): Iso {
  const date = new Date(iso);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.toISOString();
}

/** The local calendar date (YYYY-MM-DD) of an instant, on this device. */
export function localDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The instant this device's local day began, for "today" limits at the till. */
export function localMidnight(ms: number): Iso {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.toISOString();
}
