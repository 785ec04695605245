import { createHash, randomBytes, randomInt } from 'node:crypto';

// Device tokens and pairing codes are random and stored only as SHA-256 hashes: a leaked
// database does not let anyone sync as a tablet. Both carry enough entropy (256 and 50 bits,
// the code also expiring and single-use) that a fast hash is the right one.

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

// Crockford base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** A pairing code such as "7KQ2M-X9D4F". */
export function newPairingCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What the owner typed, in the form the code was hashed in: case, dashes and look-alikes forgiven. */
export function normalisePairingCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
