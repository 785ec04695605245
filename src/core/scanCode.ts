import { hasValidCheckDigit, looksLikeOurCardNumber } from './cardNumber';
import { DomainError } from './errors';

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

/** A code fit to be a member's card (ours with a right check digit, or another system's). */
export function requireCardCode(raw: string): string {
  const code = classifyScannedCode(raw);
  if (code.kind === 'garbage') throw new DomainError('scan.garbage');
  if (code.kind === 'badCheckDigit') throw new DomainError('card.checkDigit', { code: code.code });
  return code.code;
}
