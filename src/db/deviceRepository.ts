import { makeCardNumber, randomUnpairedPrefix } from '../core/cardNumber';
import { encodeHlc, HLC_ZERO, tickHlc } from '../core/hlc';
import { newId } from '../core/ids';
import type { Hlc } from '../core/types';
import type { DbContext } from './context';
import type { DeviceRow } from './database';

export async function getOrCreateDevice(ctx: DbContext): Promise<DeviceRow> {
  return ctx.db.transaction('rw', ctx.db.device, async () => {
    const existing = await ctx.db.device.get('self');
    if (existing) return existing;
    const created: DeviceRow = {
      key: 'self',
      deviceId: newId(),
      cardPrefix: randomUnpairedPrefix(ctx.random),
      lastCardSequence: 0,
      hlc: HLC_ZERO,
    };
    await ctx.db.device.add(created);
    return created;
  });
}

/**
 * Within a caller's transaction (which must include the device table): the next HLC stamp
 * and, when asked, the next card number. One read and one write of the device row.
 */
export async function advanceDevice(
  ctx: DbContext,
  options: { cardNumber: boolean },
): Promise<{ deviceId: string; hlc: Hlc; cardNumber?: string }> {
  const device = await ctx.db.device.get('self');
  if (!device) throw new Error('Device not initialised: call getOrCreateDevice first');
  const hlc = tickHlc(device.hlc, ctx.now() + (device.clockOffsetMs ?? 0));
  const lastCardSequence = device.lastCardSequence + (options.cardNumber ? 1 : 0);
  const cardNumber = options.cardNumber ? makeCardNumber(device.cardPrefix, lastCardSequence) : undefined;
  await ctx.db.device.put({ ...device, hlc, lastCardSequence });
  return { deviceId: device.deviceId, hlc: encodeHlc(hlc, device.deviceId), ...(cardNumber ? { cardNumber } : {}) };
}
