import { clampHlc, MAX_CLOCK_AHEAD_MS } from '../../src/core/hlc';
import type { Mutation } from '../../src/core/mutations';
import type { Iso, Member } from '../../src/core/types';

// A tablet whose clock runs far ahead must not win every later edit, nor date visits in the
// future: what it sends is pulled back to the server's time plus a small allowance. The tablet
// gets the clamped record back on its next pull, so everyone ends up with the same one.

function clampIso(iso: Iso, maxMs: number): Iso {
  return Date.parse(iso) <= maxMs ? iso : new Date(maxMs).toISOString();
}

function clampMember(member: Member, maxMs: number): Member {
  const clock = Object.fromEntries(Object.entries(member.clock).map(([field, hlc]) => [field, clampHlc(hlc, maxMs)]));
  return {
    ...member,
    consent: { ...member.consent, at: clampIso(member.consent.at, maxMs) },
    createdAt: clampIso(member.createdAt, maxMs),
    updatedAt: clampIso(member.updatedAt, maxMs),
    ...(member.deletedAt !== undefined ? { deletedAt: clampIso(member.deletedAt, maxMs) } : {}),
    clock,
  };
}

export function clampMutation(mutation: Mutation, serverNowMs: number): Mutation {
  const maxMs = serverNowMs + MAX_CLOCK_AHEAD_MS;
  switch (mutation.kind) {
    case 'member.upsert':
      return { kind: 'member.upsert', member: clampMember(mutation.member, maxMs) };
    case 'event.append':
      return { kind: 'event.append', event: { ...mutation.event, at: clampIso(mutation.event.at, maxMs), hlc: clampHlc(mutation.event.hlc, maxMs) } };
    case 'settings.put':
      return { kind: 'settings.put', settings: { ...mutation.settings, hlc: clampHlc(mutation.settings.hlc, maxMs) } };
  }
}
