import { describe, expect, it } from 'vitest';
import { buildMemberDataExport, memberDataFileName, memberDataJson, MEMBER_DATA_FORMAT } from '../../../src/core/memberDataExport';
import { DEFAULT_PROGRAM } from '../../../src/core/program';
import type { LedgerEvent, Member } from '../../../src/core/types';

const member: Member = {
  id: '01900000-0000-7000-8000-000000000001',
  cardCodes: ['900011000014', 'OLD-4711'],
  name: '<img src=x onerror=alert(1)> Éva "Kovács"',
  phoneE164: '+36301234567',
  email: 'eva@example.com',
  note: 'Oat milk </script>',
  consent: { marketing: true, at: '2026-01-05T10:00:00.000Z', textVersion: 'marketing-v1' },
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-02-01T10:00:00.000Z',
  clock: {},
};

let hlc = 0;
function event(kind: LedgerEvent['kind'], at: string, extra: Partial<LedgerEvent> = {}): LedgerEvent {
  hlc += 1;
  return { id: `e${hlc}`, memberId: member.id, kind, deviceId: hlc % 2 ? 'tablet-a' : 'tablet-b', at, hlc: `h${String(hlc).padStart(4, '0')}`, programVersion: 1, ...extra };
}

const events: LedgerEvent[] = [
  event('enroll', '2026-01-05T10:00:00.000Z'),
  event('stamp', '2026-01-06T10:00:00.000Z', { stamps: 2 }),
  event('stamp', '2026-01-07T10:00:00.000Z', { stamps: 1 }),
  event('void', '2026-01-07T10:00:05.000Z', { voidsId: 'e3', reason: 'owner' }),
  event('earn', '2026-01-08T10:00:00.000Z', { points: 12, amountMinor: 1250 }),
  event('redeem', '2026-01-09T10:00:00.000Z', { rewardId: 'coupon:ABCD1234', reason: 'Spring' }),
];

const input = { member, events: [...events].reverse(), program: DEFAULT_PROGRAM, shop: { name: 'Café <Süti> & Co', currency: 'EUR' }, exportedAt: '2026-03-01T12:00:00.000Z' };

describe('one member’s data for an access request', () => {
  it('holds the member’s fields, consent, cards, summary and every entry, oldest first', () => {
    const data = buildMemberDataExport(input);
    expect(data).toMatchObject({
      format: MEMBER_DATA_FORMAT,
      formatVersion: 1,
      exportedAt: '2026-03-01T12:00:00.000Z',
      shop: { name: 'Café <Süti> & Co', currency: 'EUR' },
      member: { id: member.id, name: member.name, phone: '+36301234567', email: 'eva@example.com', note: 'Oat milk </script>', cards: ['900011000014', 'OLD-4711'], joinedAt: member.createdAt, erasedAt: null },
      consent: { marketing: true, at: '2026-01-05T10:00:00.000Z', textVersion: 'marketing-v1' },
      summary: { visits: 2, stamps: 2, points: 12, spendMinor: 1250, spend: '12.50', rewardsRedeemed: 1, lastVisitAt: '2026-01-08T10:00:00.000Z', entries: 6 },
    });
    expect(data.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(data.events[2]).toMatchObject({ kind: 'stamp', stamps: 1, voidedBy: 'e4', tablet: 'tablet-a' });
    expect(data.events[3]).toMatchObject({ kind: 'void', voids: 'e3', reason: 'owner', tablet: 'tablet-b' });
    expect(data.events[4]).toMatchObject({ kind: 'earn', points: 12, amountMinor: 1250, amount: '12.50' });
    expect(data.events[5]).toMatchObject({ kind: 'redeem', couponCode: 'ABCD1234', rewardId: 'coupon:ABCD1234', reason: 'Spring' });
    for (const exported of data.events) expect(exported.at).toBe(events.find((e) => e.id === exported.id)!.at);
  });

  it('round-trips through its JSON text unchanged, markup in names kept as plain text', () => {
    const data = buildMemberDataExport(input);
    const text = memberDataJson(data);
    expect(JSON.parse(text)).toEqual(data);
    expect(text).toContain('"name": "<img src=x onerror=alert(1)> Éva \\"Kovács\\""');
  });

  it('shows an erased member as what is left: no personal fields, the anonymous entries', () => {
    const erased: Member = { id: member.id, cardCodes: [], name: '', consent: { marketing: false, at: '2026-02-02T00:00:00.000Z', textVersion: 'erased' }, createdAt: member.createdAt, updatedAt: '2026-02-02T00:00:00.000Z', deletedAt: '2026-02-02T00:00:00.000Z', clock: {} };
    const data = buildMemberDataExport({ ...input, member: erased });
    expect(data.member).toEqual({ id: member.id, name: '', phone: null, email: null, note: null, cards: [], joinedAt: member.createdAt, updatedAt: erased.updatedAt, erasedAt: erased.deletedAt });
    expect(data.events).toHaveLength(events.length);
    expect(memberDataJson(data)).not.toMatch(/Kovács|36301234567|example\.com/);
  });

  it('names the file after the shop, the first card (or the id) and the local date, in safe characters', () => {
    const now = new Date(2026, 2, 1, 12).getTime();
    const data = buildMemberDataExport(input);
    expect(memberDataFileName(data, now)).toBe('cafe-suti-co-member-900011000014-2026-03-01.json');
    const noCard = { ...data, member: { ...data.member, cards: [] } };
    expect(memberDataFileName(noCard, now)).toBe('cafe-suti-co-member-01900000-0000-7000-8000-000000000001-2026-03-01.json');
    const oddCard = { ...data, member: { ...data.member, cards: ['../A B/ü?'] }, shop: { ...data.shop, name: '' } };
    expect(memberDataFileName(oddCard, now)).toBe('shop-member-a-b-u-2026-03-01.json');
  });
});
