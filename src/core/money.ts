// Money is an integer of minor units (cents, fillér…) with the shop's currency: never a float.

/** Hungarian shops price in whole forints (the fillér is gone since 1999), whatever ISO 4217 says. */
const WHOLE_UNIT_CURRENCIES: ReadonlySet<string> = new Set(['HUF']);

/** Digits after the decimal separator the shop uses for this currency (EUR 2, HUF 0, JPY 0). */
export function currencyMinorDigits(currency: string): number {
  if (WHOLE_UNIT_CURRENCIES.has(currency)) return 0;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The largest amount any purchase may be: keeps every product of amounts and rates a safe integer. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

const AMOUNT_TEXT = /^(\d{1,13})(?:[.,](\d*))?$/;

/**
 * Reads an amount the way a person types it ("12", "12.5", "12,50", "1 234,50") as minor units,
 * exactly; undefined when it is not an amount or has more decimals than the currency.
 */
export function parseAmount(text: string, minorDigits: number): number | undefined {
  const match = AMOUNT_TEXT.exec(text.replace(/[\s\u00a0\u202f']/g, ''));
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > minorDigits) return undefined;
  const minor = Number(match[1]) * 10 ** minorDigits + Number(fraction.padEnd(minorDigits, '0') || '0');
  return minor <= MAX_AMOUNT_MINOR ? minor : undefined;
}

/** "1234.50" for 123450 with two digits: exact decimal text for Intl (which formats it without a float). */
export function minorToDecimal(minor: number, minorDigits: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(minorDigits + 1, '0');
  if (minorDigits === 0) return sign + digits;
  return `${sign}${digits.slice(0, -minorDigits)}.${digits.slice(-minorDigits)}`;
}
