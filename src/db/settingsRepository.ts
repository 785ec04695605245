import { DEFAULT_PROGRAM, DEFAULT_SHOP } from '../core/program';
import type { SyncedSettings } from '../core/protocol';
import type { Hlc, ShopSettings, LoyaltyProgram } from '../core/types';
import type { DbContext } from './context';

export async function getProgram(ctx: DbContext): Promise<LoyaltyProgram> {
  const row = await ctx.db.settings.get('program');
  // A program stored before a setting existed reads as that setting's default.
  return row?.key === 'program' ? { ...DEFAULT_PROGRAM, ...row.value } : DEFAULT_PROGRAM;
}

export async function getShop(ctx: DbContext): Promise<ShopSettings> {
  const row = await ctx.db.settings.get('shop');
  return row?.key === 'shop' ? row.value : DEFAULT_SHOP;
}

async function getSettingsClock(ctx: DbContext): Promise<Hlc | undefined> {
  const row = await ctx.db.settings.get('clock');
  return row?.key === 'clock' ? row.value : undefined;
}

export function writeSettings(ctx: DbContext, settings: SyncedSettings) {
  return ctx.db.settings.bulkPut([
    { key: 'program', value: settings.program },
    { key: 'shop', value: settings.shop },
    { key: 'clock', value: settings.hlc },
  ]);
}

/**
 * Inside a sync transaction (with the outbox): the server's settings are the truth, unless a
 * change made here is still waiting to be pushed and is the later of the two.
 */
export async function applyPulledSettings(ctx: DbContext, settings: SyncedSettings): Promise<void> {
  const pending = await ctx.db.outbox.filter((row) => row.mutation.kind === 'settings.put').count();
  const local = await getSettingsClock(ctx);
  if (pending === 0 || local === undefined || settings.hlc > local) await writeSettings(ctx, settings);
}

/** Inside a sync transaction: the settings to send again when the server lost them. */
export async function currentSyncedSettings(ctx: DbContext): Promise<SyncedSettings | undefined> {
  const hlc = await getSettingsClock(ctx);
  return hlc === undefined ? undefined : { program: await getProgram(ctx), shop: await getShop(ctx), hlc };
}
