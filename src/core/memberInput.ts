import { DomainError } from './errors';

// Sign-up input checks that need no storage. Phone parsing lives in phone.ts (loaded lazily).

export const MAX_NAME_LENGTH = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Control characters (C0, DEL, C1) and the Unicode bidi overrides never belong in a name.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function cleanName(raw: string): string {
  const name = raw.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  if (name === '') throw new DomainError('member.nameRequired');
  if ([...name].length > MAX_NAME_LENGTH) throw new DomainError('member.nameTooLong', { max: MAX_NAME_LENGTH });
  return name;
}

export function cleanEmail(raw: string): string | undefined {
  const email = raw.trim();
  if (email === '') return undefined;
  if (email.length > 254 || !EMAIL.test(email)) throw new DomainError('member.emailInvalid');
  return email.toLowerCase();
}

export const MAX_NOTE_LENGTH = 1000;
/** Cards one member may hold (lost and replaced ones, merged duplicates' cards): keeps a record small. */
export const MAX_CARDS_PER_MEMBER = 20;

/** A free-text note; empty means "no note". */
export function cleanNote(raw: string): string | undefined {
  const note = raw.replace(UNSAFE_CHARACTERS, ' ').trim();
  if (note === '') return undefined;
  if (note.length > MAX_NOTE_LENGTH) throw new DomainError('member.noteTooLong', { max: MAX_NOTE_LENGTH });
  return note;
}
