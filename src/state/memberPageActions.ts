import { isDomainError } from '../core/errors';
import { cleanEmail, cleanName, cleanNote } from '../core/memberInput';
import { foldText } from '../core/search';
import type { Member } from '../core/types';
import type { DbContext } from '../db/context';
import type { MemberDataExport } from '../core/memberDataExport';
import type { MemberDataFile } from '../db/memberDataExport';
import { linkCardToMember } from '../db/memberRepository';
import { editMember, eraseMember, removeCardFromMember, type MemberEdit } from '../db/memberEdits';
import { getShop } from '../db/settingsRepository';
import '../i18n/parts/memberPage.en';
import { actionErrorOf, type ActionError } from './actionError';
import { createOwnerTasks, OWNER_LOCKED, type ActionResult } from './ownerTask';
import { makeFeedback, type TillStore } from './store';

// The owner's page for one member: edit the details, link and remove cards, erase, export their
// data for an access request. Every action checks the owner session itself (the page shows only
// behind the PIN, but a session may lapse while it is open); results are announced in the
// feedback banner, and field errors come back for the form.

export type MemberFormField = 'name' | 'phone' | 'email' | 'note';

/** The edit form as typed. */
export interface MemberForm {
  name: string;
  phone: string;
  email: string;
  note: string;
  marketingConsent: boolean;
}

export type FieldErrors = Partial<Record<MemberFormField, ActionError>>;

export type SaveResult = { ok: true; changed: boolean } | { ok: false; fieldErrors: FieldErrors; error?: ActionError };

/** The form field a member error belongs to ('member.phoneInUse' → phone). */
function fieldOf(code: string): MemberFormField | undefined {
  if (code.startsWith('member.name')) return 'name';
  if (code.startsWith('member.phone')) return 'phone';
  if (code.startsWith('member.email')) return 'email';
  if (code.startsWith('member.note')) return 'note';
  return undefined;
}

/** A field's value, or its error: the cleaners throw domain errors with codes. */
function check<T>(field: MemberFormField, errors: FieldErrors, clean: () => T): T | undefined {
  try {
    return clean();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    errors[field] = actionErrorOf(error, 'error.storage');
    return undefined;
  }
}

/** The form as the initial values of a member (what "unchanged" compares with). */
export function memberForm(member: Member): MemberForm {
  return { name: member.name, phone: member.phoneE164 ?? '', email: member.email ?? '', note: member.note ?? '', marketingConsent: member.consent.marketing };
}

/** The name typed to confirm an erasure matches the member's (case, accents and spacing aside). */
export function confirmsName(typed: string, name: string): boolean {
  const folded = foldText(typed).replace(/\s+/g, ' ').trim();
  return folded !== '' && folded === foldText(name).replace(/\s+/g, ' ').trim();
}

export function createMemberPageActions(ctx: DbContext, store: TillStore) {
  const set = store.setState;
  const { fail, run, sessionOpen: ownerSessionOpen } = createOwnerTasks(ctx, store);

  return {
    /**
     * Saves what changed in the form, and only that: each changed field gets a new clock, so a
     * field left alone here never overwrites an edit made to it on another tablet. Every field is
     * checked first; with any error nothing is written.
     */
    async saveMember(current: Member, form: MemberForm): Promise<SaveResult> {
      if (!ownerSessionOpen()) return { ok: false, fieldErrors: {}, error: fail(OWNER_LOCKED).error };
      const errors: FieldErrors = {};
      const edit: MemberEdit = {};
      const name = check('name', errors, () => cleanName(form.name));
      if (name !== undefined && name !== current.name) edit.name = form.name;
      const email = check('email', errors, () => cleanEmail(form.email) ?? '');
      if (email !== undefined && email !== (current.email ?? '')) edit.email = form.email;
      const note = check('note', errors, () => cleanNote(form.note) ?? '');
      if (note !== undefined && note !== (current.note ?? '')) edit.note = form.note;
      if (form.phone.trim() !== (current.phoneE164 ?? '')) {
        if (form.phone.trim() === '') edit.phone = '';
        else {
          try {
            // libphonenumber loads lazily, with the first phone typed (as at sign-up).
            const [{ toE164 }, shop] = await Promise.all([import('../core/phone'), getShop(ctx)]);
            const e164 = toE164(form.phone, shop.country);
            if (!e164) errors.phone = { key: 'error.member.phoneInvalid', params: {} };
            else if (e164 !== current.phoneE164) edit.phone = form.phone;
          } catch (error) {
            return { ok: false, fieldErrors: {}, error: fail(actionErrorOf(error, 'error.storage')).error };
          }
        }
      }
      if (form.marketingConsent !== current.consent.marketing) edit.marketingConsent = form.marketingConsent;
      if (Object.keys(errors).length > 0) {
        set({ feedback: makeFeedback('error', 'memberPage.fixFields') });
        return { ok: false, fieldErrors: errors };
      }
      if (Object.keys(edit).length === 0) {
        set({ feedback: makeFeedback('info', 'memberPage.nothingChanged') });
        return { ok: true, changed: false };
      }
      try {
        const saved = await editMember(ctx, current.id, edit);
        set({ feedback: makeFeedback('success', 'memberPage.saved', { name: saved.name }) });
        return { ok: true, changed: true };
      } catch (error) {
        const failure = actionErrorOf(error, 'error.storage');
        const field = isDomainError(error) ? fieldOf(error.code) : undefined;
        if (field) {
          set({ feedback: makeFeedback('error', 'memberPage.fixFields') });
          return { ok: false, fieldErrors: { [field]: failure } };
        }
        return { ok: false, fieldErrors: {}, error: fail(failure).error };
      }
    },

    /** Links a typed or scanned card to the member (a replacement, or an old card of another system). */
    addCard(memberId: string, rawCode: string): Promise<ActionResult<Member>> {
      return run(async () => {
        const member = await linkCardToMember(ctx, memberId, rawCode);
        set({ feedback: makeFeedback('success', 'memberPage.cardAdded', { code: member.cardCodes.at(-1) ?? rawCode.trim(), name: member.name }) });
        return member;
      });
    },

    /** Takes a card off the member; the last card stays (see removeCardFromMember). */
    removeCard(memberId: string, code: string): Promise<ActionResult<Member>> {
      return run(async () => {
        const member = await removeCardFromMember(ctx, memberId, code);
        set({ feedback: makeFeedback('success', 'memberPage.cardRemoved', { code, name: member.name }) });
        return member;
      });
    },

    /** Erases the member for good, once the owner has typed their name. */
    async erase(member: Member, typedName: string): Promise<ActionResult<Member>> {
      if (ownerSessionOpen() && !confirmsName(typedName, member.name)) return fail({ key: 'memberPage.eraseMismatch', params: {} });
      return run(async () => {
        const tombstone = await eraseMember(ctx, member.id);
        set({ feedback: makeFeedback('success', 'memberPage.erased') });
        return tombstone;
      });
    },

    /** The member's data as a JSON file (the UI downloads it). */
    exportData(memberId: string): Promise<ActionResult<MemberDataFile>> {
      return run(async () => {
        const { memberDataFile } = await import('../db/memberDataExport');
        const file = await memberDataFile(ctx, memberId);
        set({ feedback: makeFeedback('success', 'memberPage.exported', { file: file.fileName }) });
        return file;
      });
    },

    /** The same data for the printable page. */
    readData(memberId: string): Promise<ActionResult<MemberDataExport>> {
      return run(async () => (await import('../db/memberDataExport')).readMemberData(ctx, memberId));
    },
  };
}

export type MemberPageActions = ReturnType<typeof createMemberPageActions>;
