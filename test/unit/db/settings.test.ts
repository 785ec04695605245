import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors';
import { DEFAULT_PROGRAM, DEFAULT_SHOP } from '../../../src/core/program';
import { enrollMember } from '../../../src/db/memberRepository';
import { recordPunch } from '../../../src/db/tillRepository';
import { getProgram, getShop } from '../../../src/db/settingsRepository';
import { previewProgramChange, saveSettings } from '../../../src/db/settingsChanges';
import { makeTestContext } from '../../support/dbContext';

const change = {
  shop: { name: ' Kávézó Budapest ', country: 'hu', currency: 'huf', locale: 'en' },
  program: { goal: 8, rewardName: ' Free cake ', welcomeBonusStamps: 1, cooldownMinutes: 10 },
};

describe('settings', () => {
  it('starts with the default stamp card: 10 stamps for a free coffee', async () => {
    const ctx = await makeTestContext();
    expect(await getProgram(ctx)).toEqual(DEFAULT_PROGRAM);
    expect(await getShop(ctx)).toEqual(DEFAULT_SHOP);
  });

  it('saves a cleaned program as a new version; earlier events keep the version they were made under', async () => {
    const ctx = await makeTestContext();
    const { member } = await enrollMember(ctx, { name: 'Ann', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    const before = await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    await saveSettings(ctx, change);
    expect(await getProgram(ctx)).toEqual({ ...DEFAULT_PROGRAM, goal: 8, rewardName: 'Free cake', welcomeBonusStamps: 1, cooldownMinutes: 10, version: 2 });
    expect(await getShop(ctx)).toEqual({ name: 'Kávézó Budapest', country: 'HU', currency: 'HUF', locale: 'en' });
    ctx.clock.advance(11 * 60_000);
    const after = await recordPunch(ctx, { memberId: member.id, stamps: 1 });
    expect([before.event.programVersion, after.event.programVersion]).toEqual([1, 2]);
  });

  it('reads a program saved before a setting existed with that setting at its default', async () => {
    const ctx = await makeTestContext();
    const { stampsPerPurchase: _s, dailyCap: _d, ...older } = { ...DEFAULT_PROGRAM, goal: 6, version: 3 };
    await ctx.db.settings.put({ key: 'program', value: older as typeof DEFAULT_PROGRAM });
    expect(await getProgram(ctx)).toEqual({ ...DEFAULT_PROGRAM, goal: 6, version: 3 });
  });

  it('previews how many members gain or lose a ready reward, without saving anything', async () => {
    const ctx = await makeTestContext();
    await saveSettings(ctx, { ...change, program: { cooldownMinutes: 0 } });
    for (const [name, stamps] of [['Ann', 7], ['Bea', 12], ['Cili', 3]] as const) {
      const { member } = await enrollMember(ctx, { name, phone: '', email: '', marketingConsent: false, welcomeBonus: false });
      await recordPunch(ctx, { memberId: member.id, stamps });
    }
    const before = await getProgram(ctx);
    expect(await previewProgramChange(ctx, { goal: 6 })).toEqual({ gainReward: 2, loseReward: 0 });
    expect(await previewProgramChange(ctx, { goal: 13 })).toEqual({ gainReward: 0, loseReward: 1 });
    await expect(previewProgramChange(ctx, { goal: 1 })).rejects.toMatchObject({ params: { field: 'goal' } });
    expect(await getProgram(ctx)).toEqual(before);
  });

  it.each([
    [{ ...change, program: { ...change.program, goal: 1 } }, 'goal'],
    [{ ...change, program: { ...change.program, goal: Number.NaN } }, 'goal'],
    [{ ...change, program: { ...change.program, rewardName: '   ' } }, 'rewardName'],
    [{ ...change, program: { ...change.program, welcomeBonusStamps: 8 } }, 'welcomeBonusStamps'],
    [{ ...change, program: { ...change.program, cooldownMinutes: -1 } }, 'cooldownMinutes'],
    [{ ...change, program: { ...change.program, stampsPerPurchase: 0 } }, 'stampsPerPurchase'],
    [{ ...change, program: { ...change.program, stampsPerPurchase: 3, maxStampsPerPunch: 2 } }, 'maxStampsPerPunch'],
    [{ ...change, program: { ...change.program, dailyCap: -1 } }, 'dailyCap'],
    [{ ...change, program: { ...change.program, stampsPerPurchase: 2, dailyCap: 1 } }, 'dailyCap'],
    [{ ...change, shop: { ...change.shop, country: 'Hungary' } }, 'country'],
    [{ ...change, shop: { ...change.shop, name: '' } }, 'name'],
  ])('refuses %j naming the field %s, and changes nothing', async (bad, field) => {
    const ctx = await makeTestContext();
    await expect(saveSettings(ctx, bad)).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.params.field === field);
    expect(await ctx.db.settings.count()).toBe(0);
  });
});
