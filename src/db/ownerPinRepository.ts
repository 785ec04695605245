import { DomainError } from '../core/errors';
import { checkNewPin, checkPinFormat, hashPin, nextPinAttemptAt, secondsUntil, verifyPin } from '../core/ownerPin';
import type { DbContext } from './context';
import type { DeviceRow } from './database';

// The owner PIN lives on this tablet's device row: hashing is slow and asynchronous, so it runs
// between transactions (an IndexedDB transaction commits while WebCrypto works), and each
// transaction re-reads the row it changes.

export interface OwnerPinStatus {
  pinSet: boolean;
  /** When the next PIN may be tried (in the past when it may be tried now). */
  retryAt: number;
}

async function readDevice(ctx: DbContext): Promise<DeviceRow> {
  const device = await ctx.db.device.get('self');
  if (!device) throw new Error('Device not initialised: call getOrCreateDevice first');
  return device;
}

export async function getOwnerPinStatus(ctx: DbContext): Promise<OwnerPinStatus> {
  const owner = (await readDevice(ctx)).ownerPin;
  const now = ctx.now();
  return { pinSet: owner !== undefined, retryAt: owner ? nextPinAttemptAt(owner.failures, owner.lastFailureAt, now) : now };
}

/**
 * Checks a PIN typed at the gate. Every attempt is first recorded as a wrong one and cleared
 * only when the PIN proves right, so tries in parallel (other tabs) cannot skip the back-off and
 * a reload does not reset it. While the back-off lasts nothing is checked or written.
 */
export async function checkOwnerPin(ctx: DbContext, pin: string): Promise<void> {
  checkPinFormat(pin);
  const record = await ctx.db.transaction('rw', ctx.db.device, async () => {
    const device = await readDevice(ctx);
    const owner = device.ownerPin;
    if (!owner) throw new Error('No owner PIN is set on this tablet');
    const now = ctx.now();
    const retryAt = nextPinAttemptAt(owner.failures, owner.lastFailureAt, now);
    if (retryAt > now) throw new DomainError('owner.wait', { seconds: secondsUntil(retryAt, now) });
    await ctx.db.device.put({ ...device, ownerPin: { ...owner, failures: owner.failures + 1, lastFailureAt: now } });
    return owner.record;
  });
  if (!(await verifyPin(pin, record))) throw new DomainError('owner.pinWrong');
  await ctx.db.transaction('rw', ctx.db.device, async () => {
    const device = await readDevice(ctx);
    // Unless the PIN was changed meanwhile, the right PIN clears the wrong ones before it.
    if (device.ownerPin?.record.hash === record.hash) await ctx.db.device.put({ ...device, ownerPin: { record, failures: 0 } });
  });
}

/**
 * Sets the owner PIN, typed twice: the first one on a tablet that has none, or a new one when
 * `current` is right (checked, and counted, like any PIN at the gate).
 */
export async function setOwnerPin(ctx: DbContext, change: { pin: string; repeat: string; current?: string }): Promise<void> {
  checkNewPin(change.pin, change.repeat);
  if (change.current !== undefined) await checkOwnerPin(ctx, change.current);
  const record = await hashPin(change.pin);
  await ctx.db.transaction('rw', ctx.db.device, async () => {
    const device = await readDevice(ctx);
    // Another tab may have set a first PIN while this one was hashing.
    if (device.ownerPin && change.current === undefined) throw new DomainError('owner.pinAlreadySet');
    await ctx.db.device.put({ ...device, ownerPin: { record, failures: 0 } });
  });
}
