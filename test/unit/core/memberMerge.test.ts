import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeHlc } from '../../../src/core/hlc';
import { MEMBER_FIELDS, mergeMember, sameMember, scrubMember } from '../../../src/core/memberMerge';
import type { Member } from '../../../src/core/types';

const ID = '01900000-0000-7000-8000-000000000001';
const iso = (ms: number) => new Date(Date.UTC(2026, 10, 1) + ms).toISOString();

// A copy of one member as some tablet holds it: any subset of fields written at any clock, by
// one of three devices, possibly erased. Writes with the same clock carry the same value (a clock
// names one write), as in the app.
const device = fc.constantFrom('dev-a', 'dev-b', 'dev-c');
const write = fc.record({ wallMs: fc.integer({ min: 0, max: 50 }), counter: fc.nat({ max: 2 }), device });
const valueOf = (field: string, hlc: string) => (field === 'cardCodes' ? [`card-${hlc}`] : field === 'consent' ? { marketing: hlc.length % 2 === 0, at: iso(1), textVersion: hlc } : `${field}@${hlc}`);

const copy: fc.Arbitrary<Member> = fc
  .record({
    writes: fc.dictionary(fc.constantFrom(...MEMBER_FIELDS), write),
    created: fc.nat({ max: 1000 }),
    updated: fc.nat({ max: 1000 }),
    deleted: fc.option(fc.nat({ max: 1000 }), { nil: undefined }),
  })
  .map(({ writes, created, updated, deleted }) => {
    const member: Member = { id: ID, cardCodes: [], name: 'base', consent: { marketing: false, at: iso(0), textVersion: 'v0' }, createdAt: iso(created), updatedAt: iso(created + updated), clock: {} };
    for (const [field, w] of Object.entries(writes)) {
      const hlc = encodeHlc({ wallMs: w.wallMs, counter: w.counter }, w.device);
      (member as unknown as Record<string, unknown>)[field] = valueOf(field, hlc);
      member.clock[field as keyof Member['clock']] = hlc;
    }
    return deleted === undefined ? member : scrubMember(member, iso(deleted));
  });

describe('merging two copies of a member', () => {
  it('is commutative, associative and idempotent, so the order copies meet in never matters', () => {
    fc.assert(
      fc.property(copy, copy, copy, (a, b, c) => {
        expect(sameMember(mergeMember(a, b), mergeMember(b, a))).toBe(true);
        expect(sameMember(mergeMember(mergeMember(a, b), c), mergeMember(a, mergeMember(b, c)))).toBe(true);
        expect(sameMember(mergeMember(a, a), a)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives each field to the later clock and keeps fields only one side wrote', () => {
    const base: Member = { id: ID, cardCodes: ['1'], name: 'Éva', consent: { marketing: false, at: iso(0), textVersion: 'v1' }, createdAt: iso(0), updatedAt: iso(0), clock: { name: encodeHlc({ wallMs: 1, counter: 0 }, 'a') } };
    const renamed = { ...base, name: 'Éva K.', clock: { ...base.clock, name: encodeHlc({ wallMs: 5, counter: 0 }, 'b') }, updatedAt: iso(5) };
    const noted = { ...base, note: 'Oat milk', clock: { ...base.clock, name: encodeHlc({ wallMs: 3, counter: 0 }, 'a'), note: encodeHlc({ wallMs: 3, counter: 0 }, 'a') }, name: 'Eva', updatedAt: iso(3) };
    expect(mergeMember(renamed, noted)).toMatchObject({ name: 'Éva K.', note: 'Oat milk', updatedAt: iso(5) });
  });

  it('lets an erasure beat every field write and scrubs personal data', () => {
    fc.assert(
      fc.property(copy, copy, (a, b) => {
        const erased = scrubMember(a, iso(10));
        const merged = mergeMember(b, erased);
        expect(merged.deletedAt).toBeDefined();
        expect(merged).toMatchObject({ name: '', cardCodes: [] });
        // Only the link to the member it was merged into, if any, outlives an erasure.
        expect(Object.keys(merged.clock)).toEqual(merged.mergedInto === undefined ? [] : ['mergedInto']);
        expect(merged.phoneE164 ?? merged.email ?? merged.note).toBeUndefined();
      }),
    );
  });
});
