import { currencyMinorDigits, minorToDecimal } from '../core/money';
import { en } from './en';
import type { cameraEn } from './parts/camera.en';
import type { cardsEn } from './parts/cards.en';
import type { diagnosticsEn } from './parts/diagnostics.en';
import type { enrollEn } from './parts/enroll.en';
import type { historyEn } from './parts/history.en';
import type { memberPageEn } from './parts/memberPage.en';
import type { membersEn } from './parts/members.en';
import type { memberImportEn } from './parts/memberImport.en';
import type { memberMergeEn } from './parts/memberMerge.en';
import type { ownerEn } from './parts/owner.en';
import type { pointsEn } from './parts/points.en';

// Every visible string goes through t(). The base catalogue (en.ts) is in the initial bundle;
// each lazily loaded feature imports its part (parts/*.en.ts), which registers itself before the
// feature's code runs. Catalogues are kept per locale so that other languages can arrive the
// same way, as chunks per part; a missing message falls back to English key by key.

export type MessageKey =
  | keyof typeof en
  | keyof typeof cameraEn
  | keyof typeof cardsEn
  | keyof typeof diagnosticsEn
  | keyof typeof enrollEn
  | keyof typeof historyEn
  | keyof typeof memberPageEn
  | keyof typeof membersEn
  | keyof typeof memberImportEn
  | keyof typeof memberMergeEn
  | keyof typeof ownerEn
  | keyof typeof pointsEn;
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Catalogue = Partial<Record<MessageKey, string | PluralForms>>;
export type MessageParams = Record<string, string | number>;

const english: Catalogue = { ...en };
const catalogues = new Map<string, Catalogue>([['en', english]]);
const locale = 'en';
const plurals = new Intl.PluralRules(locale);

/** Adds a catalogue part of `forLocale`; a part registers itself when its feature's chunk loads. */
export function registerMessages(forLocale: string, messages: Catalogue): void {
  catalogues.set(forLocale, Object.assign(catalogues.get(forLocale) ?? {}, messages));
}

export function currentLocale(): string {
  return locale;
}

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params: MessageParams = {}): string {
  const entry = catalogues.get(locale)?.[key] ?? english[key];
  if (entry === undefined) {
    // Its part has not loaded: test/unit/i18n/catalogue.test.ts guards against this.
    console.error(`message ${key} shown before its catalogue part loaded`);
    return key;
  }
  if (typeof entry === 'string') return interpolate(entry, params);
  const count = Number(params.count ?? params.missing ?? 0);
  const form = entry[plurals.select(count)] ?? entry.other;
  return interpolate(form, params);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "Dec 3": a day this month or next (an expiry date), in the shop's locale. */
export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** "Dec 31, 2026" for a calendar date (YYYY-MM-DD, e.g. a coupon's last valid day), whatever the time zone. */
export function formatCalendarDate(day: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** The params of a points message: `count` picks the plural form, `points` is shown ("1,250"). */
export function pointsParams(points: number): MessageParams {
  return { count: points, points: formatNumber(points) };
}

/** A tier's points multiplier from its percent, as a factor: "1.25" for 125 % (exact, no float). */
export function formatMultiplier(percent: number): string {
  return new Intl.NumberFormat(locale).format(minorToDecimal(percent, 2) as Intl.StringNumericLiteral);
}

/**
 * An amount in minor units as the shop writes it: "€12.34", "HUF 1,500" (whole forints: see
 * currencyMinorDigits). Intl formats the exact decimal string, never a float.
 */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  return format.format(minorToDecimal(minor, digits) as Intl.StringNumericLiteral);
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
