import { en, type Catalogue, type MessageKey } from './en';

// Every visible string goes through t(). English is bundled; the other languages arrive in
// their own chunks (a later issue) and fall back to English key by key.

export type { MessageKey } from './en';
export type MessageParams = Record<string, string | number>;

let locale = 'en';
let catalogue: Catalogue = en;
let plurals = new Intl.PluralRules(locale);

export function setCatalogue(nextLocale: string, next: Catalogue): void {
  locale = nextLocale;
  catalogue = next;
  plurals = new Intl.PluralRules(nextLocale);
}

export function currentLocale(): string {
  return locale;
}

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params: MessageParams = {}): string {
  const entry = catalogue[key] ?? en[key];
  if (typeof entry === 'string') return interpolate(entry, params);
  const count = Number(params.count ?? params.missing ?? 0);
  const form = entry[plurals.select(count)] ?? entry.other;
  return interpolate(form, params);
}

export function hasMessage(key: string): key is MessageKey {
  return key in en;
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
}

const MINUTE_MS = 60_000;
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', MINUTE_MS],
  ['hour', 60 * MINUTE_MS],
  ['day', 24 * 60 * MINUTE_MS],
];
const RELATIVE_LIMIT_MS = 7 * 24 * 60 * MINUTE_MS;

/** "5 minutes ago", "yesterday"; a plain date when it is a week or more ago. */
export function formatRelativeTime(iso: string, nowMs: number): string {
  const diffMs = Date.parse(iso) - nowMs;
  if (Math.abs(diffMs) >= RELATIVE_LIMIT_MS) return formatDateTime(iso);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const [unit, size] = RELATIVE_UNITS.findLast(([, ms]) => Math.abs(diffMs) >= ms) ?? RELATIVE_UNITS[0]!;
  return format.format(Math.round(diffMs / size), unit);
}

export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], maximumFractionDigits: 1 }).format(value);
}
