import { DomainError } from './errors';
import { MAX_CARDS_PER_MEMBER, MAX_NOTE_LENGTH } from './memberInput';
import { later } from './memberMerge';
import type { Consent, Hlc, Iso, Member, MemberField } from './types';

// The owner merging two records of one customer: the survivor takes the other's cards, fills its
// own blanks from it, and keeps the stricter consent; the other record is emptied and points at
// the survivor (`mergedInto`). Nothing in the ledger is rewritten: the absorbed member's events,
// including those a tablet records offline before it hears of the merge, count for the survivor
// wherever balances are folded (see mergeGroups.ts). Both records travel as ordinary member upserts,
// field by field with the merge's HLC, so the merge syncs like any edit.

/** Refusing marketing beats allowing it; between two alike, the later decision stands. */
export function stricterConsent(a: Consent, b: Consent): Consent {
  if (a.marketing !== b.marketing) return a.marketing ? b : a;
  return a.at >= b.at ? a : b;
}

const unique = (codes: readonly string[]) => [...new Set(codes)];

function joinNotes(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  return `${a}\n${b}`;
}

export interface MergedPair {
  survivor: Member;
  absorbed: Member;
}

/** The two records after the owner merged `absorbed` into `survivor`, stamped with `hlc` at `now`. */
export function mergeDuplicate(survivor: Member, absorbed: Member, hlc: Hlc, now: Iso): MergedPair {
  if (survivor.id === absorbed.id) throw new DomainError('member.mergeSelf');
  const cardCodes = unique([...survivor.cardCodes, ...absorbed.cardCodes]);
  if (cardCodes.length > MAX_CARDS_PER_MEMBER) throw new DomainError('member.tooManyCards', { max: MAX_CARDS_PER_MEMBER });
  const merged: Member = {
    ...survivor,
    cardCodes,
    name: survivor.name || absorbed.name,
    consent: stricterConsent(survivor.consent, absorbed.consent),
    createdAt: survivor.createdAt <= absorbed.createdAt ? survivor.createdAt : absorbed.createdAt,
    updatedAt: later(later(survivor.updatedAt, absorbed.updatedAt), now),
    clock: { ...survivor.clock },
  };
  const phoneE164 = survivor.phoneE164 ?? absorbed.phoneE164;
  const email = survivor.email ?? absorbed.email;
  const note = joinNotes(survivor.note, absorbed.note)?.slice(0, MAX_NOTE_LENGTH);
  if (phoneE164) merged.phoneE164 = phoneE164;
  if (email) merged.email = email;
  if (note) merged.note = note;
  const touched: MemberField[] = ['cardCodes', 'name', 'consent', 'phoneE164', 'email', 'note'];
  for (const field of touched) if (merged[field] !== undefined) merged.clock[field] = hlc;

  const emptied: Member = {
    id: absorbed.id,
    cardCodes: [],
    name: '',
    consent: { ...merged.consent },
    createdAt: absorbed.createdAt,
    updatedAt: later(absorbed.updatedAt, now),
    mergedInto: survivor.id,
    clock: { name: hlc, cardCodes: hlc, consent: hlc, phoneE164: hlc, email: hlc, note: hlc, mergedInto: hlc },
  };
  return { survivor: merged, absorbed: emptied };
}
