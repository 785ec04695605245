import { describe, expect, it } from 'vitest';
import { MAX_COUPON_BATCHES } from '../../../src/core/coupons';
import { couponUsesByBatch, createCouponBatch, listCouponReuses } from '../../../src/db/couponRepository';
import { enrollMember } from '../../../src/db/memberRepository';
import { getProgram } from '../../../src/db/settingsRepository';
import { redeemCoupon, voidEntry } from '../../../src/db/tillRepository';
import { makeTestContext } from '../../support/dbContext';

const campaign = { name: 'We miss you', benefit: '15 % off', count: 3 };
const ann = { name: 'Ann', phone: '', email: '', marketingConsent: false, welcomeBonus: false };

describe('coupon campaigns on a tablet', () => {
  it('adds a batch of fresh codes as a new program version that syncs, and counts its uses', async () => {
    const ctx = await makeTestContext();
    const before = await getProgram(ctx);
    const batch = await createCouponBatch(ctx, { ...campaign, validUntil: '2099-12-31' });
    const program = await getProgram(ctx);
    expect(program.version).toBe(before.version + 1);
    expect(program.coupons).toEqual([batch]);
    expect(new Set(batch.codes).size).toBe(3);
    expect((await ctx.db.outbox.toArray()).at(-1)?.mutation).toMatchObject({ kind: 'settings.put', settings: { program: { coupons: [batch] } } });

    const { member } = await enrollMember(ctx, ann);
    const use = await redeemCoupon(ctx, member.id, batch.codes[0]!);
    await redeemCoupon(ctx, member.id, batch.codes[1]!);
    expect(await couponUsesByBatch(ctx)).toEqual(new Map([[batch.id, 2]]));
    await voidEntry(ctx, use.event.id);
    expect(await couponUsesByBatch(ctx)).toEqual(new Map([[batch.id, 1]]));
    expect(await listCouponReuses(ctx)).toEqual([]);
  });

  it(`refuses a bad count, and a campaign beyond ${MAX_COUPON_BATCHES}, writing nothing`, async () => {
    const ctx = await makeTestContext();
    await expect(createCouponBatch(ctx, { ...campaign, count: 0 })).rejects.toMatchObject({ code: 'settings.invalid', params: { field: 'couponCount' } });
    for (let i = 0; i < MAX_COUPON_BATCHES; i++) await createCouponBatch(ctx, { ...campaign, count: 1 });
    const outbox = await ctx.db.outbox.count();
    await expect(createCouponBatch(ctx, { ...campaign, count: 1 })).rejects.toMatchObject({ code: 'coupon.tooManyCampaigns', params: { max: MAX_COUPON_BATCHES } });
    expect((await getProgram(ctx)).coupons).toHaveLength(MAX_COUPON_BATCHES);
    expect(await ctx.db.outbox.count()).toBe(outbox);
  });
});
