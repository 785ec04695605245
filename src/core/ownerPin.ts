import { DomainError } from './errors';

// The owner PIN keeps cashiers out of the owner area on a shared tablet. Only a salted slow
// hash is stored. With 10^4–10^8 possible PINs the hash alone cannot stop someone who copies
// the database; what stops guessing at the till is the back-off after wrong PINs.

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 8;
const PIN_PATTERN = new RegExp(`^[0-9]{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);

/** OWASP's figure for PBKDF2-HMAC-SHA-256; each record keeps its own count, so it can be raised. */
export const PIN_HASH_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** What is stored instead of the PIN. */
export interface PinRecord {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

export function checkPinFormat(pin: string): void {
  if (!PIN_PATTERN.test(pin)) throw new DomainError('owner.pinFormat', { min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS });
}

/** A new PIN, typed twice. */
export function checkNewPin(pin: string, repeat: string): void {
  checkPinFormat(pin);
  if (repeat !== pin) throw new DomainError('owner.pinMismatch');
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, salt: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(SALT_BYTES))): Promise<PinRecord> {
  const hash = await derive(pin, salt, PIN_HASH_ITERATIONS);
  return { algorithm: 'PBKDF2-SHA-256', iterations: PIN_HASH_ITERATIONS, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Compares every byte whatever the first difference, so timing tells nothing about the hash. */
export async function verifyPin(pin: string, record: PinRecord): Promise<boolean> {
  const expected = fromBase64(record.hash);
  const actual = await derive(pin, fromBase64(record.salt), record.iterations);
  let difference = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) difference |= expected[i]! ^ (actual[i] ?? 0);
  return difference === 0;
}

/** Wrong PINs allowed before each further attempt has to wait. */
export const FREE_PIN_ATTEMPTS = 3;
export const MAX_PIN_WAIT_MS = 5 * 60_000;

/**
 * When the next PIN may be tried after `failures` wrong ones in a row, the last at
 * `lastFailureAt`: at once for the first three, then 2^(failures − 3) s later, at most 5 min.
 * A clock set back since then (`now` before `lastFailureAt`) must not lock the owner out longer.
 */
export function nextPinAttemptAt(failures: number, lastFailureAt: number | undefined, now: number): number {
  if (failures < FREE_PIN_ATTEMPTS || lastFailureAt === undefined) return Number.NEGATIVE_INFINITY;
  const wait = Math.min(2 ** (failures - FREE_PIN_ATTEMPTS) * 1000, MAX_PIN_WAIT_MS);
  return Math.min(lastFailureAt, now) + wait;
}

/** Whole seconds until `at`, as a countdown shows them. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
