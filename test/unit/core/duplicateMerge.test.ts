import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeDuplicate, stricterConsent } from '../../../src/core/duplicateMerge';
import { isMergedAway, mergeGroup, mergeLinksOf, mergeRoot, rootsOf } from '../../../src/core/mergeGroups';
import { DomainError } from '../../../src/core/errors';
import { encodeHlc } from '../../../src/core/hlc';
import { mergeMember } from '../../../src/core/memberMerge';
import type { Member } from '../../../src/core/types';

const iso = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
const hlc = (ms: number, device = 'dev-a') => encodeHlc({ wallMs: ms, counter: 0 }, device);

function member(id: string, fields: Partial<Member>): Member {
  return { id, cardCodes: [], name: 'x', consent: { marketing: true, at: iso(0), textVersion: 'v1' }, createdAt: iso(0), updatedAt: iso(0), clock: { name: hlc(1) }, ...fields };
}

describe('merging two records of one customer', () => {
  const eva = member('a', { name: 'Éva Kovács', cardCodes: ['1001'], phoneE164: '+36301234567', createdAt: iso(10), consent: { marketing: true, at: iso(10), textVersion: 'v1' } });
  const eva2 = member('b', { name: 'Eva Kovacs', cardCodes: ['1002', '1001'], email: 'eva@example.com', note: 'oat milk', createdAt: iso(3), consent: { marketing: false, at: iso(3), textVersion: 'v1' } });

  it('gives the survivor both cards, fills its blanks, keeps the earlier join date and the stricter consent', () => {
    const { survivor, absorbed } = mergeDuplicate(eva, eva2, hlc(100), iso(20));
    expect(survivor).toMatchObject({
      id: 'a',
      name: 'Éva Kovács',
      cardCodes: ['1001', '1002'],
      phoneE164: '+36301234567',
      email: 'eva@example.com',
      note: 'oat milk',
      createdAt: iso(3),
      updatedAt: iso(20),
      consent: { marketing: false, at: iso(3) },
    });
    expect(survivor.clock).toMatchObject({ cardCodes: hlc(100), consent: hlc(100), email: hlc(100), name: hlc(100) });
    expect(absorbed).toMatchObject({ id: 'b', name: '', cardCodes: [], mergedInto: 'a' });
    expect(absorbed.phoneE164 ?? absorbed.email ?? absorbed.note).toBeUndefined();
  });

  it('wins over the absorbed record as other tablets still hold it (every field later)', () => {
    const { absorbed } = mergeDuplicate(eva, eva2, hlc(100), iso(20));
    expect(mergeMember(eva2, absorbed)).toEqual(mergeMember(absorbed, eva2));
    expect(mergeMember(eva2, absorbed)).toMatchObject({ name: '', cardCodes: [], mergedInto: 'a' });
    expect(mergeMember(eva2, absorbed).email).toBeUndefined();
  });

  it('refuses merging a member into itself and more cards than a member may hold', () => {
    expect(() => mergeDuplicate(eva, eva, hlc(1), iso(1))).toThrow(DomainError);
    const many = (id: string, from: number) => member(id, { cardCodes: Array.from({ length: 11 }, (_, i) => String(from + i)) });
    expect(() => mergeDuplicate(many('a', 100), many('b', 200), hlc(1), iso(1))).toThrow(expect.objectContaining({ code: 'member.tooManyCards' }));
  });

  it('keeps a refusal of marketing whichever side it is on, and the later of two alike', () => {
    const yes = { marketing: true, at: iso(5), textVersion: 'v1' };
    const no = { marketing: false, at: iso(1), textVersion: 'v1' };
    expect(stricterConsent(yes, no)).toBe(no);
    expect(stricterConsent(no, yes)).toBe(no);
    expect(stricterConsent(yes, { ...yes, at: iso(9) })).toEqual({ ...yes, at: iso(9) });
  });
});

describe('merge roots and groups', () => {
  const linked = (pairs: [string, string, number][]) => new Map(pairs.map(([from, into, ms]) => [from, { into, hlc: hlc(ms) }]));

  it('follows chains to the end; in a cycle of offline merges the member whose own link is oldest is the root', () => {
    const links = linked([
      ['c', 'b', 5],
      ['b', 'a', 4],
      ['y', 'z', 9],
      ['z', 'y', 7],
    ]);
    expect([...rootsOf(['a', 'b', 'c', 'y', 'z', 'q'], links)]).toEqual([
      ['a', 'a'],
      ['b', 'a'],
      ['c', 'a'],
      ['y', 'z'],
      ['z', 'z'],
      ['q', 'q'],
    ]);
    expect(mergeGroup('a', links).sort()).toEqual(['a', 'b', 'c']);
    expect(mergeGroup('z', links).sort()).toEqual(['y', 'z']);
    expect(mergeGroup('q', links)).toEqual(['q']);
    expect([isMergedAway({ id: 'z', mergedInto: 'y' }, links), isMergedAway({ id: 'y', mergedInto: 'z' }, links)]).toEqual([false, true]);
  });

  it('leaves the later of two opposite merges made offline in charge, with the data in the root', () => {
    const x = member('x', { name: 'Éva', cardCodes: ['1'] });
    const y = member('y', { name: 'Eva', cardCodes: ['2'] });
    const onA = mergeDuplicate(x, y, hlc(10, 'a'), iso(1)); // y into x
    const onB = mergeDuplicate(y, x, hlc(20, 'b'), iso(1)); // x into y, later
    const finalX = mergeMember(onA.survivor, onB.absorbed);
    const finalY = mergeMember(onA.absorbed, onB.survivor);
    const links = mergeLinksOf([finalX, finalY]);
    expect(mergeRoot('x', links)).toBe('y');
    expect(finalY).toMatchObject({ name: 'Eva', cardCodes: ['2', '1'] });
  });

  it('puts every member in exactly one group, whatever the links', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...ids), fc.record({ into: fc.constantFrom(...ids), ms: fc.nat({ max: 20 }) })), (raw) => {
        const links = linked(Object.entries(raw).filter(([from, link]) => from !== link.into).map(([from, link]) => [from, link.into, link.ms]));
        const roots = new Set(ids.map((id) => mergeRoot(id, links)));
        const grouped = [...roots].flatMap((root) => mergeGroup(root, links));
        expect(grouped.sort()).toEqual([...ids].sort());
        for (const root of roots) expect(mergeRoot(root, links)).toBe(root);
      }),
      { numRuns: 300 },
    );
  });
});
