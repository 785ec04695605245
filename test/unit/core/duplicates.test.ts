import { describe, expect, it } from 'vitest';
import { findDuplicatePairs, withinOneEdit, type DuplicateCandidate } from '../../../src/core/duplicates';

const iso = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
const candidate = (id: string, name: string, more: Partial<DuplicateCandidate> = {}, day = 0): DuplicateCandidate => ({ id, name, createdAt: iso(day), ...more });

describe('likely duplicates', () => {
  it('pairs the same phone, the same email (any case), names alike but for accents, case or word order, and one-letter typos', () => {
    const members = [
      candidate('a', 'Éva Kovács', { phoneE164: '+36301234567' }, 5),
      candidate('b', 'Kovacs Eva', {}, 1),
      candidate('c', 'Nikos Papadopoulos', { email: 'Nikos@Example.com' }),
      candidate('d', 'N. Papadopoulos', { email: 'nikos@example.com' }),
      candidate('e', 'Anna Virtanen', { phoneE164: '+36301234567' }),
      candidate('f', 'Anna Virtanan'),
      candidate('g', 'Someone Else'),
    ];
    const { pairs, truncated } = findDuplicatePairs(members, 100);
    const described = pairs.map((p) => `${p.ids.join('+')}:${p.reasons.join(',')}`).sort();
    expect(described).toEqual(['e+a:phone', 'b+a:name', 'c+d:email', 'e+f:similarName'].sort());
    expect(truncated).toBe(false);
  });

  it('puts the older record first and the strongest evidence at the top, and says when it cut the list', () => {
    const members = [candidate('new', 'Éva Kovács', { phoneE164: '+36301234567' }, 9), candidate('old', 'Eva Kovacs', { phoneE164: '+36301234567' }, 1), candidate('x', 'Jane Smithson'), candidate('y', 'Jane Smithsen')];
    const { pairs } = findDuplicatePairs(members, 100);
    expect(pairs[0]).toEqual({ ids: ['old', 'new'], reasons: ['phone', 'name'] });
    expect(findDuplicatePairs(members, 1)).toMatchObject({ pairs: [{ ids: ['old', 'new'] }], truncated: true });
  });

  it('ignores crowds (a shop phone on many records) and short names a letter apart', () => {
    const shared = Array.from({ length: 8 }, (_, i) => candidate(`s${i}`, ['Aino Laine', 'Mikko Niemi', 'Liisa Koski', 'Juha Heikkinen', 'Sanna Ojala', 'Pekka Salo', 'Tiina Mäkelä', 'Ville Lehto'][i]!, { phoneE164: '+358401234567' }));
    expect(findDuplicatePairs([...shared, candidate('p', 'Ann'), candidate('q', 'Anna')], 100).pairs).toEqual([]);
  });

  it('tells one edit apart from two', () => {
    expect(withinOneEdit('kovacs', 'kovacs')).toBe(true);
    expect(withinOneEdit('kovacs', 'kovac')).toBe(true);
    expect(withinOneEdit('kovacs', 'kovaks')).toBe(true);
    expect(withinOneEdit('kovacs', 'kavaks')).toBe(false);
    expect(withinOneEdit('kovacs', 'kovacsné')).toBe(false);
  });

  it('stays fast on 100k members (figure printed, not asserted)', () => {
    const members = Array.from({ length: 100_000 }, (_, i) => candidate(`m${i}`, `Member ${i.toString(36)} Name${i % 977}`, { phoneE164: `+3630${String(1_000_000 + i)}` }));
    const started = performance.now();
    findDuplicatePairs(members, 200);
    console.log(`duplicates over 100k members: ${(performance.now() - started).toFixed(0)} ms`);
  });
});
