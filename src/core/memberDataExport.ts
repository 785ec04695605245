import { localDate } from './calendar';
import { couponCodeOf } from './coupons';
import { fileNameSlug } from './csv';
import { foldEvents } from './ledger';
import { currencyMinorDigits, minorToDecimal } from './money';
import { memberStanding } from './standing';
import type { Iso, LedgerEvent, LedgerKind, LoyaltyProgram, Member } from './types';

// One member's data for an access request (GDPR art. 15): everything the tablet holds about
// them, as a JSON document and, through the UI, as a readable page. Pure: the repository reads,
// this shapes. Field names are fixed English words (like the CSV export's headers), so the file
// reads the same whatever the shop's language; the readable page translates.

export const MEMBER_DATA_FORMAT = 'punchline-member-data';
export const MEMBER_DATA_FORMAT_VERSION = 1;

export interface MemberDataEvent {
  id: string;
  at: Iso;
  kind: LedgerKind;
  stamps?: number;
  points?: number;
  /** A purchase amount in the currency's minor units (cents), and the same as exact decimal text ("12.50"). */
  amountMinor?: number;
  amount?: string;
  /** The catalogue reward's name, a coupon campaign, or why an entry was made ("welcome", "owner"). */
  reason?: string;
  rewardId?: string;
  couponCode?: string;
  /** For a void: the entry it cancels. */
  voids?: string;
  /** For an entry that was voided: the void that cancels it. */
  voidedBy?: string;
  expiresAt?: Iso;
  /** The tablet that recorded it (its device id). */
  tablet: string;
  programVersion: number;
}

export interface MemberDataExport {
  format: typeof MEMBER_DATA_FORMAT;
  formatVersion: number;
  exportedAt: Iso;
  shop: { name: string; currency: string };
  member: {
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    note: string | null;
    cards: string[];
    joinedAt: Iso;
    updatedAt: Iso;
    /** Set when the member was erased: the personal fields above are then empty. */
    erasedAt: Iso | null;
  };
  /**
   * Marketing consent as recorded now: the choice, when it was made and which wording it
   * answered. Only the latest choice is kept on the tablet; earlier ones are not recorded.
   */
  consent: { marketing: boolean; at: Iso; textVersion: string };
  summary: {
    visits: number;
    rewardsRedeemed: number;
    /** Total of the purchases recorded, in minor units and as exact decimal text. */
    spendMinor: number;
    spend: string;
    lastVisitAt: Iso | null;
    /** Balances at the export, after expiry. */
    stamps: number;
    points: number;
    tier: string | null;
    entries: number;
  };
  /** Every ledger entry, oldest first, voided ones and the voids included. */
  events: MemberDataEvent[];
}

export interface MemberDataInput {
  member: Member;
  /** The member's whole ledger (any order). */
  events: readonly LedgerEvent[];
  program: LoyaltyProgram;
  shop: { name: string; currency: string };
  exportedAt: Iso;
}

function exportedEvent(event: LedgerEvent, voidedBy: ReadonlyMap<string, string>, minorDigits: number): MemberDataEvent {
  const couponCode = couponCodeOf(event.rewardId);
  const voider = voidedBy.get(event.id);
  return {
    id: event.id,
    at: event.at,
    kind: event.kind,
    ...(event.stamps !== undefined ? { stamps: event.stamps } : {}),
    ...(event.points !== undefined ? { points: event.points } : {}),
    ...(event.amountMinor !== undefined ? { amountMinor: event.amountMinor, amount: minorToDecimal(event.amountMinor, minorDigits) } : {}),
    ...(event.reason !== undefined ? { reason: event.reason } : {}),
    ...(event.rewardId !== undefined ? { rewardId: event.rewardId } : {}),
    ...(couponCode !== undefined ? { couponCode } : {}),
    ...(event.voidsId !== undefined ? { voids: event.voidsId } : {}),
    ...(voider !== undefined ? { voidedBy: voider } : {}),
    ...(event.expiresAt !== undefined ? { expiresAt: event.expiresAt } : {}),
    tablet: event.deviceId,
    programVersion: event.programVersion,
  };
}

/** Oldest first; the HLC breaks ties between entries of the same instant (and orders tablets' clocks). */
function chronological(a: LedgerEvent, b: LedgerEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;
}

export function buildMemberDataExport({ member, events, program, shop, exportedAt }: MemberDataInput): MemberDataExport {
  const minorDigits = currencyMinorDigits(shop.currency);
  const ordered = [...events].sort(chronological);
  const voidedBy = new Map(ordered.filter((e) => e.kind === 'void' && e.voidsId !== undefined).map((e) => [e.voidsId!, e.id] as const));
  const folded = foldEvents(member.id, ordered);
  const standing = memberStanding(ordered, program, exportedAt);
  return {
    format: MEMBER_DATA_FORMAT,
    formatVersion: MEMBER_DATA_FORMAT_VERSION,
    exportedAt,
    shop: { name: shop.name, currency: shop.currency },
    member: {
      id: member.id,
      name: member.name,
      phone: member.phoneE164 ?? null,
      email: member.email ?? null,
      note: member.note ?? null,
      cards: [...member.cardCodes],
      joinedAt: member.createdAt,
      updatedAt: member.updatedAt,
      erasedAt: member.deletedAt ?? null,
    },
    consent: { marketing: member.consent.marketing, at: member.consent.at, textVersion: member.consent.textVersion },
    summary: {
      visits: folded.visits,
      rewardsRedeemed: folded.rewardsRedeemed,
      spendMinor: folded.spendMinor,
      spend: minorToDecimal(folded.spendMinor, minorDigits),
      lastVisitAt: folded.lastVisitAt ?? null,
      stamps: standing.balance.stamps,
      points: standing.balance.points,
      tier: standing.tier.level?.name ?? null,
      entries: ordered.length,
    },
    events: ordered.map((event) => exportedEvent(event, voidedBy, minorDigits)),
  };
}

/** The JSON file's text: indented, so that a person can read it too. */
export function memberDataJson(data: MemberDataExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** `<shop>-member-<first card, or the member id>-<local date>.json`: ASCII letters, digits and `-` only. */
export function memberDataFileName(data: Pick<MemberDataExport, 'shop' | 'member'>, nowMs: number): string {
  const who = fileNameSlug(data.member.cards[0] ?? data.member.id, 'member');
  return `${fileNameSlug(data.shop.name)}-member-${who}-${localDate(nowMs)}.json`;
}
