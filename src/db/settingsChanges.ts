import { programImpact, type ProgramImpact } from '../core/programImpact';
import type { SyncedSettings } from '../core/protocol';
import { nextProgram, parseShopSettings, type ProgramSettingsInput, type ShopSettingsInput } from '../core/settingsSchema';
import type { LoyaltyProgram, ShopSettings } from '../core/types';
import type { DbContext } from './context';
import { advanceDevice } from './deviceRepository';
import { getProgram, getShop, writeSettings } from './settingsRepository';

// The owner's changes to the settings, validated (valibot): loaded with the owner area, never
// with the till.

export interface SettingsChange {
  program: ProgramSettingsInput;
  shop: ShopSettingsInput;
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
  // An erased member's anonymous balance stays in the books but belongs to nobody who could redeem.
  // Points are counted before expiry (the summary's): close enough for a preview, and no ledger scan.
  const gone = new Set<string>(erased as string[]);
  return programImpact(summaries.filter((summary) => !gone.has(summary.memberId)), current, next);
}

/**
 * Writes settings built from the current ones inside one transaction (so a change synced meanwhile
 * is never overwritten with stale values), with their outbox row so the other tablets get them.
 */
async function putSettings(ctx: DbContext, build: (program: LoyaltyProgram, shop: ShopSettings) => Omit<SyncedSettings, 'hlc'>): Promise<LoyaltyProgram> {
  return ctx.db.transaction('rw', ctx.db.settings, ctx.db.device, ctx.db.outbox, async () => {
    const built = build(await getProgram(ctx), await getShop(ctx));
    const { hlc } = await advanceDevice(ctx, { cardNumber: false });
    const settings = { ...built, hlc };
    await writeSettings(ctx, settings);
    await ctx.db.outbox.add({ mutation: { kind: 'settings.put', settings } });
    return settings.program;
  });
}

/** Validates both and saves them together; the program gets a new version. */
export async function saveSettings(ctx: DbContext, change: SettingsChange): Promise<void> {
  const shop = parseShopSettings(change.shop);
  await putSettings(ctx, (program) => ({ program: nextProgram(program, change.program), shop }));
}

/** A change to the program alone, computed from the current program (e.g. one more coupon batch). */
export function saveProgramChange(ctx: DbContext, change: (current: LoyaltyProgram) => ProgramSettingsInput): Promise<LoyaltyProgram> {
  return putSettings(ctx, (program, shop) => ({ program: nextProgram(program, change(program)), shop }));
}
