import { hasValidCheckDigit, looksLikeOurCardNumber } from './cardNumber';

// What a scanned or typed code is, before any lookup: one of our card numbers, one of ours
// with a wrong check digit (a misread or a typo), another system's code (an old plastic card
// that may be linked to a member), or noise.

export type ScannedCode =
  | { kind: 'card'; code: string }
  | { kind: 'badCheckDigit'; code: string }
  | { kind: 'foreign'; code: string }
  | { kind: 'garbage' };

const PRINTABLE_CODE = /^[\x21-\x7e]{4,64}$/;
/** Real codes are mostly letters and digits; a burst of punctuation is a misread. */
const ENOUGH_ALPHANUMERICS = /(?:[0-9A-Za-z][^0-9A-Za-z]*){4}/;

export function classifyScannedCode(raw: string): ScannedCode {
  const code = raw.trim();
  if (!PRINTABLE_CODE.test(code) || !ENOUGH_ALPHANUMERICS.test(code)) return { kind: 'garbage' };
  if (looksLikeOurCardNumber(code)) {
    return hasValidCheckDigit(code) ? { kind: 'card', code } : { kind: 'badCheckDigit', code };
  }
  return { kind: 'foreign', code };
}
