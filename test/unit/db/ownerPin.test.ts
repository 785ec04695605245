import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors';
import { verifyPin } from '../../../src/core/ownerPin';
import type { DbContext } from '../../../src/db/context';
import { PunchlineDatabase } from '../../../src/db/database';
import { checkOwnerPin, getOwnerPinStatus, setOwnerPin } from '../../../src/db/ownerPinRepository';
import { makeTestContext } from '../../support/dbContext';

// The owner PIN on the device row: set once, checked with a back-off that survives a reload.

const PIN = '2468';

async function refusal(attempt: Promise<unknown>) {
  try {
    await attempt;
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, params: error.params } : error;
  }
  return undefined;
}

const ownerPinRow = async (ctx: DbContext) => (await ctx.db.device.get('self'))!.ownerPin;

async function withPin() {
  const ctx = await makeTestContext();
  await setOwnerPin(ctx, { pin: PIN, repeat: PIN });
  return ctx;
}

describe('setting the owner PIN', () => {
  it('stores a hash of the first PIN, not the PIN, and starts with no wrong PINs', async () => {
    const ctx = await makeTestContext();
    expect(await getOwnerPinStatus(ctx)).toEqual({ pinSet: false, retryAt: ctx.clock.ms });
    await setOwnerPin(ctx, { pin: PIN, repeat: PIN });
    const row = (await ownerPinRow(ctx))!;
    expect(row.failures).toBe(0);
    expect(await verifyPin(PIN, row.record)).toBe(true);
    expect(JSON.stringify(await ctx.db.device.get('self'))).not.toContain(PIN);
    expect((await getOwnerPinStatus(ctx)).pinSet).toBe(true);
  });

  it('refuses a bad or mismatched PIN and writes nothing', async () => {
    const ctx = await makeTestContext();
    const before = await ctx.db.device.get('self');
    expect(await refusal(setOwnerPin(ctx, { pin: '246', repeat: '246' }))).toMatchObject({ code: 'owner.pinFormat' });
    expect(await refusal(setOwnerPin(ctx, { pin: PIN, repeat: '2469' }))).toEqual({ code: 'owner.pinMismatch', params: {} });
    expect(await ctx.db.device.get('self')).toEqual(before);
  });

  it('sets a first PIN only once: a second one needs the current PIN', async () => {
    const ctx = await withPin();
    const before = await ownerPinRow(ctx);
    expect(await refusal(setOwnerPin(ctx, { pin: '1357', repeat: '1357' }))).toEqual({ code: 'owner.pinAlreadySet', params: {} });
    expect(await ownerPinRow(ctx)).toEqual(before);
  });

  it('changes the PIN given the current one, counting a wrong current PIN like any other', async () => {
    const ctx = await withPin();
    expect(await refusal(setOwnerPin(ctx, { pin: '1357', repeat: '1357', current: '1111' }))).toEqual({ code: 'owner.pinWrong', params: {} });
    expect((await ownerPinRow(ctx))!.failures).toBe(1);
    await setOwnerPin(ctx, { pin: '1357', repeat: '1357', current: PIN });
    expect(await refusal(checkOwnerPin(ctx, PIN))).toEqual({ code: 'owner.pinWrong', params: {} });
    expect(await refusal(checkOwnerPin(ctx, '1357'))).toBeUndefined();
    expect((await ownerPinRow(ctx))!.failures).toBe(0);
  });
});

describe('checking the owner PIN', () => {
  it('accepts the right PIN and refuses a wrong one, counting it', async () => {
    const ctx = await withPin();
    expect(await refusal(checkOwnerPin(ctx, PIN))).toBeUndefined();
    expect(await refusal(checkOwnerPin(ctx, '8642'))).toEqual({ code: 'owner.pinWrong', params: {} });
    expect(await ownerPinRow(ctx)).toMatchObject({ failures: 1, lastFailureAt: ctx.clock.ms });
  });

  it('refuses a malformed PIN without counting it', async () => {
    const ctx = await withPin();
    const before = await ownerPinRow(ctx);
    expect(await refusal(checkOwnerPin(ctx, '12'))).toMatchObject({ code: 'owner.pinFormat' });
    expect(await ownerPinRow(ctx)).toEqual(before);
  });

  it('makes the fourth try wait 1 s, the fifth 2 s, and refuses early ones without checking or writing', async () => {
    const ctx = await withPin();
    for (let i = 0; i < 3; i++) expect(await refusal(checkOwnerPin(ctx, '1111'))).toMatchObject({ code: 'owner.pinWrong' });
    expect((await getOwnerPinStatus(ctx)).retryAt).toBe(ctx.clock.ms + 1000);

    const backingOff = await ownerPinRow(ctx);
    ctx.clock.advance(400);
    // Not even the right PIN is checked while the back-off lasts.
    expect(await refusal(checkOwnerPin(ctx, PIN))).toEqual({ code: 'owner.wait', params: { seconds: 1 } });
    expect(await ownerPinRow(ctx)).toEqual(backingOff);

    ctx.clock.advance(600);
    expect(await refusal(checkOwnerPin(ctx, '1111'))).toEqual({ code: 'owner.pinWrong', params: {} });
    ctx.clock.advance(1000);
    expect(await refusal(checkOwnerPin(ctx, PIN))).toEqual({ code: 'owner.wait', params: { seconds: 1 } });
    ctx.clock.advance(1000);
    expect(await refusal(checkOwnerPin(ctx, PIN))).toBeUndefined();
    expect(await ownerPinRow(ctx)).toEqual({ record: backingOff!.record, failures: 0 });
    expect((await getOwnerPinStatus(ctx)).retryAt).toBeLessThanOrEqual(ctx.clock.ms);
  });

  it('keeps the back-off across a reload: a new context on the same database', async () => {
    const ctx = await withPin();
    for (let i = 0; i < 4; i++) {
      await refusal(checkOwnerPin(ctx, '1111'));
      ctx.clock.advance(1000);
    }
    ctx.db.close();
    const reopened: DbContext = { db: new PunchlineDatabase(ctx.db.name), now: ctx.clock.now, random: ctx.random };
    expect((await getOwnerPinStatus(reopened)).retryAt).toBe(ctx.clock.ms + 1000);
    expect(await refusal(checkOwnerPin(reopened, PIN))).toEqual({ code: 'owner.wait', params: { seconds: 1 } });
    ctx.clock.advance(1000);
    expect(await refusal(checkOwnerPin(reopened, PIN))).toBeUndefined();
  });

  it('counts tries made in parallel one by one, so other tabs cannot skip the back-off', async () => {
    const ctx = await withPin();
    const results = await Promise.all(Array.from({ length: 6 }, () => refusal(checkOwnerPin(ctx, '1111'))));
    expect(results.filter((r) => (r as { code: string }).code === 'owner.pinWrong')).toHaveLength(3);
    expect(results.filter((r) => (r as { code: string }).code === 'owner.wait')).toHaveLength(3);
    expect((await ownerPinRow(ctx))!.failures).toBe(3);
  });
});
