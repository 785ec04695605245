import type { Iso, Member, MemberField } from './types';

// How two copies of one member become one, on the server and on every tablet alike. The merge
// is commutative, associative and idempotent (property-tested), so the order in which copies
// meet never matters: each field goes to the write with the later HLC (the HLC ends in the
// device id, so two writes never tie unless they are the same write), and an erasure beats
// every field write.

export const MEMBER_FIELDS: readonly MemberField[] = ['name', 'phoneE164', 'email', 'consent', 'note', 'cardCodes', 'mergedInto'];

const earlier = (a: Iso, b: Iso): Iso => (a <= b ? a : b);
/** The later of two instants: a member's `updatedAt` never moves back, whoever's clock is behind. */
export const later = (a: Iso, b: Iso): Iso => (a >= b ? a : b);

/**
 * What is left of an erased member: the id and dates that anonymous history hangs on, and the
 * member it was merged into, if any (its events still count there).
 */
export function scrubMember(member: Member, deletedAt: Iso): Member {
  const link = member.mergedInto === undefined ? {} : { mergedInto: member.mergedInto };
  const linkClock = member.clock.mergedInto === undefined ? {} : { mergedInto: member.clock.mergedInto };
  return {
    id: member.id,
    cardCodes: [],
    name: '',
    consent: { marketing: false, at: deletedAt, textVersion: 'erased' },
    createdAt: member.createdAt,
    updatedAt: later(member.updatedAt, deletedAt),
    deletedAt,
    ...link,
    clock: linkClock,
  };
}

/** JSON with object keys sorted: equal for equal values whatever order the keys came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}

export function sameMember(a: Member, b: Member): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A deterministic winner for two writes with the same clock (only a clamped clock can tie). */
function winsTie(a: unknown, b: unknown): boolean {
  return canonicalJson(a) >= canonicalJson(b);
}

/** Copies into `target` whichever of a's and b's `field` has the later HLC, with that HLC. */
function takeLaterField(target: Member, a: Member, b: Member, field: MemberField): void {
  const clockA = a.clock[field] ?? '';
  const clockB = b.clock[field] ?? '';
  const fromB = clockB > clockA || (clockB === clockA && !winsTie(a[field], b[field]));
  const source = fromB ? b : a;
  const clock = fromB ? clockB : clockA;
  if (source[field] === undefined) delete target[field];
  else (target as unknown as Record<string, unknown>)[field] = source[field];
  if (clock !== '') target.clock[field] = clock;
}

export function mergeMember(a: Member, b: Member): Member {
  if (a.id !== b.id) throw new Error(`mergeMember: ${a.id} and ${b.id} are different members`);
  const merged: Member = { ...a, createdAt: earlier(a.createdAt, b.createdAt), updatedAt: later(a.updatedAt, b.updatedAt), clock: {} };
  if (a.deletedAt !== undefined || b.deletedAt !== undefined) {
    const deletedAt = a.deletedAt === undefined ? b.deletedAt! : b.deletedAt === undefined ? a.deletedAt : earlier(a.deletedAt, b.deletedAt);
    takeLaterField(merged, a, b, 'mergedInto');
    return scrubMember(merged, deletedAt);
  }
  for (const field of MEMBER_FIELDS) takeLaterField(merged, a, b, field);
  return merged;
}
