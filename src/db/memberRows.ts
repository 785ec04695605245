import { namePhrases, reverseDigits } from '../core/search';
import type { Member } from '../core/types';
import type { MemberRow } from './database';

export function toMemberRow(member: Member): MemberRow {
  return {
    ...member,
    namePhrases: namePhrases(member.name),
    ...(member.phoneE164 ? { phoneRev: reverseDigits(member.phoneE164) } : {}),
  };
}

/** The domain record without the index-only keys, as the rest of the app sees it. */
export function fromMemberRow(row: MemberRow): Member {
  const { namePhrases: _phrases, phoneRev: _rev, ...member } = row;
  return member;
}
