import { DomainError } from './errors';

// Our card numbers: 5-digit device prefix + 6-digit per-device sequence + Luhn check digit.
// Two tablets never issue the same number because their prefixes differ; the sequence is
// local to a device. Unpaired tablets pick a random prefix from 90000–99999; the backend
// hands out prefixes below 90000 at pairing (see docs/architecture.md).

export const CARD_NUMBER_LENGTH = 12;
const SEQUENCE_DIGITS = 6;
export const MAX_CARD_SEQUENCE = 10 ** SEQUENCE_DIGITS - 1;
export const UNPAIRED_PREFIX_MIN = 90000;

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function makeCardNumber(devicePrefix: number, sequence: number): string {
  if (!Number.isInteger(devicePrefix) || devicePrefix < 10000 || devicePrefix > 99999) {
    throw new RangeError(`Device prefix out of range: ${devicePrefix}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Bad card sequence: ${sequence}`);
  if (sequence > MAX_CARD_SEQUENCE) throw new DomainError('card.sequenceExhausted');
  const payload = `${devicePrefix}${sequence.toString().padStart(SEQUENCE_DIGITS, '0')}`;
  return payload + luhnCheckDigit(payload);
}

export function randomUnpairedPrefix(random: () => number): number {
  return UNPAIRED_PREFIX_MIN + Math.floor(random() * (100000 - UNPAIRED_PREFIX_MIN));
}

/** Has our card number's shape (12 digits), whether or not its check digit is right. */
export function looksLikeOurCardNumber(code: string): boolean {
  return code.length === CARD_NUMBER_LENGTH && /^\d+$/.test(code) && code[0] !== '0';
}

export function hasValidCheckDigit(code: string): boolean {
  return luhnCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}
