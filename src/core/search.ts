// Text normalisation for lookups: case-, accent- and final-sigma-blind, so that "eva" finds
// "Éva", "zoe" finds "Zoë" and "σοφια" finds "Σοφία".

const COMBINING_MARKS = /\p{M}+/gu;
const WORD_SEPARATORS = /[\s\-'’.,]+/u;

export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().replace(/ς/g, 'σ').trim();
}

/** The folded words of a name (first, middle and last names), each once. */
export function nameWords(name: string): string[] {
  return [...new Set(foldText(name).split(WORD_SEPARATORS).filter((w) => w.length > 0))];
}

/**
 * Every rotation of the name's words ("eva kovacs", "kovacs eva"): a query of several words,
 * all but the last complete, is then one index prefix range in either order.
 */
export function namePhrases(name: string): string[] {
  const words = nameWords(name);
  return [...new Set(words.map((_, i) => [...words.slice(i), ...words.slice(0, i)].join(' ')))];
}

export const MIN_NAME_QUERY = 2;
export const MIN_DIGITS_QUERY = 3;

export type LookupQuery =
  | { kind: 'digits'; digits: string; text: string }
  | { kind: 'name'; words: string[] }
  | { kind: 'tooShort' }
  | { kind: 'empty' };

const PHONE_PUNCTUATION = /^[\d\s()+\-./]+$/;

/** Digits with phone punctuation only: a phone or card number rather than a name. */
export function looksLikeNumber(text: string): boolean {
  return PHONE_PUNCTUATION.test(text.trim());
}

export function classifyQuery(text: string): LookupQuery {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (looksLikeNumber(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    return digits.length >= MIN_DIGITS_QUERY ? { kind: 'digits', digits, text: trimmed } : { kind: 'tooShort' };
  }
  const words = nameWords(trimmed);
  if (words.length === 0 || words.join('').length < MIN_NAME_QUERY) return { kind: 'tooShort' };
  return { kind: 'name', words };
}

/** True when every query word is a prefix of some word of the name. */
export function nameMatches(name: string, queryWords: readonly string[]): boolean {
  const words = nameWords(name);
  return queryWords.every((q) => words.some((w) => w.startsWith(q)));
}

/** Digits reversed, so a suffix search ("last digits") becomes an index prefix search. */
export function reverseDigits(digits: string): string {
  return [...digits.replace(/\D/g, '')].reverse().join('');
}
