import { DEFAULT_PROGRAM, DEFAULT_SHOP } from '../core/program';
import { programImpact, type ProgramImpact } from '../core/programImpact';
import { nextProgram, parseShopSettings, type ProgramSettingsInput, type ShopSettingsInput } from '../core/settingsSchema';
import type { SyncedSettings } from '../core/protocol';
import type { Hlc, ShopSettings, StampProgram } from '../core/types';
import type { DbContext } from './context';
import { advanceDevice } from './deviceRepository';

export async function getProgram(ctx: DbContext): Promise<StampProgram> {
  const row = await ctx.db.settings.get('program');
  // A program stored before a setting existed reads as that setting's default.
  return row?.key === 'program' ? { ...DEFAULT_PROGRAM, ...row.value } : DEFAULT_PROGRAM;
}

export async function getShop(ctx: DbContext): Promise<ShopSettings> {
  const row = await ctx.db.settings.get('shop');
  return row?.key === 'shop' ? row.value : DEFAULT_SHOP;
}

export interface SettingsChange {
  program: ProgramSettingsInput;
  shop: ShopSettingsInput;
}

async function getSettingsClock(ctx: DbContext): Promise<Hlc | undefined> {
  const row = await ctx.db.settings.get('clock');
  return row?.key === 'clock' ? row.value : undefined;
}

function writeSettings(ctx: DbContext, settings: SyncedSettings) {
  return ctx.db.settings.bulkPut([
    { key: 'program', value: settings.program },
    { key: 'shop', value: settings.shop },
    { key: 'clock', value: settings.hlc },
  ]);
}

/**
 * What saving this change would do to the members now, before the owner confirms it: the same
 * validation as saving, then the ready rewards under both goals. Reads every balance once.
 */
export async function previewProgramChange(ctx: DbContext, change: ProgramSettingsInput): Promise<ProgramImpact> {
  const current = await getProgram(ctx);
  const next = nextProgram(current, change);
  const [summaries, erased] = await Promise.all([
    ctx.db.summaries.toArray(),
    ctx.db.members.filter((member) => member.deletedAt !== undefined).primaryKeys(),
  ]);
  // An erased member's anonymous stamps stay in the books but belong to nobody who could redeem.
  const gone = new Set<string>(erased as string[]);
  return programImpact(summaries.filter((summary) => !gone.has(summary.memberId)).map((summary) => summary.stamps), current, next);
}

/**
 * Validates both, then saves them together with their outbox row, so the business's other
 * tablets get them; the program gets a new version.
 */
export async function saveSettings(ctx: DbContext, change: SettingsChange): Promise<void> {
  const shop = parseShopSettings(change.shop);
  await ctx.db.transaction('rw', ctx.db.settings, ctx.db.device, ctx.db.outbox, async () => {
    const program = nextProgram(await getProgram(ctx), change.program);
    const { hlc } = await advanceDevice(ctx, { cardNumber: false });
    const settings = { program, shop, hlc };
    await writeSettings(ctx, settings);
    await ctx.db.outbox.add({ mutation: { kind: 'settings.put', settings } });
  });
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
