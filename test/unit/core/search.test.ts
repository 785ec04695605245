import { describe, expect, it } from 'vitest';
import { classifyQuery, foldText, nameMatches, namePhrases, nameWords, reverseDigits } from '../../../src/core/search';
import { toE164 } from '../../../src/core/phone';
import { cleanEmail, cleanName } from '../../../src/core/memberInput';

describe('name search', () => {
  it('folds case, accents and the Greek final sigma', () => {
    expect(foldText('Éva Kovács')).toBe('eva kovacs');
    expect(foldText('Σοφία Παπαδοπούλου')).toBe('σοφια παπαδοπουλου');
    expect(foldText('Νίκος')).toBe('νικοσ');
  });

  it('indexes each word of a name once', () => {
    expect(nameWords('Anna-Liisa  Mäkinen Mäkinen')).toEqual(['anna', 'liisa', 'makinen']);
  });

  it('matches prefixes of first or last names, accent-blind', () => {
    expect(nameMatches('Éva Kovács', ['eva'])).toBe(true);
    expect(nameMatches('Éva Kovács', ['kov'])).toBe(true);
    expect(nameMatches('Éva Kovács', ['ev', 'ko'])).toBe(true);
    expect(nameMatches('Éva Kovács', ['va'])).toBe(false);
  });
});

describe('classifyQuery', () => {
  it('treats phone punctuation as digits', () => {
    expect(classifyQuery('+36 (30) 123-4567')).toEqual({ kind: 'digits', digits: '36301234567', text: '+36 (30) 123-4567' });
  });
  it('needs three digits or two letters', () => {
    expect(classifyQuery('12').kind).toBe('tooShort');
    expect(classifyQuery('e').kind).toBe('tooShort');
    expect(classifyQuery('   ').kind).toBe('empty');
    expect(classifyQuery('év')).toEqual({ kind: 'name', words: ['ev'] });
  });
  it('reverses digits for suffix search', () => {
    expect(reverseDigits('+36301234567')).toBe('76543210363');
  });
});

describe('phone numbers', () => {
  it.each(['06 30 123 4567', '+36 30 123 4567', '30/123-4567', '0036301234567'])('%s is +36301234567 in HU', (raw) => {
    expect(toE164(raw, 'HU')).toBe('+36301234567');
  });
  it('rejects what is not a phone number', () => {
    expect(toE164('12', 'HU')).toBeUndefined();
  });
});

describe('member input', () => {
  it('cleans names of control and bidi-override characters', () => {
    expect(cleanName('  Zoë\u0000 \u202eEvil  ')).toBe('Zoë Evil');
    expect(() => cleanName('   ')).toThrow('member.nameRequired');
    expect(() => cleanName('x'.repeat(101))).toThrow('member.nameTooLong');
  });
  it('accepts an empty email and refuses a malformed one', () => {
    expect(cleanEmail(' ')).toBeUndefined();
    expect(cleanEmail('Eva@Example.com')).toBe('eva@example.com');
    expect(() => cleanEmail('eva@')).toThrow('member.emailInvalid');
  });
});

describe('name phrases', () => {
  it('indexes every rotation of the words, so words in order are one prefix range', () => {
    expect(namePhrases('Anna-Liisa Mäkinen')).toEqual(['anna liisa makinen', 'liisa makinen anna', 'makinen anna liisa']);
    expect(namePhrases('Éva')).toEqual(['eva']);
  });
});
