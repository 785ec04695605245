import { DEFAULT_PROGRAM, DEFAULT_SHOP } from '../core/program';
import { nextProgram, parseShopSettings, type ProgramSettingsInput, type ShopSettingsInput } from '../core/settingsSchema';
import type { ShopSettings, StampProgram } from '../core/types';
import type { DbContext } from './context';

export async function getProgram(ctx: DbContext): Promise<StampProgram> {
  const row = await ctx.db.settings.get('program');
  return row?.key === 'program' ? row.value : DEFAULT_PROGRAM;
}

export async function getShop(ctx: DbContext): Promise<ShopSettings> {
  const row = await ctx.db.settings.get('shop');
  return row?.key === 'shop' ? row.value : DEFAULT_SHOP;
}

export interface SettingsChange {
  program: ProgramSettingsInput;
  shop: ShopSettingsInput;
}

/** Validates both, then saves them together; the program gets a new version. */
export async function saveSettings(ctx: DbContext, change: SettingsChange): Promise<void> {
  const shop = parseShopSettings(change.shop);
  await ctx.db.transaction('rw', ctx.db.settings, async () => {
    const program = nextProgram(await getProgram(ctx), change.program);
    await ctx.db.settings.bulkPut([
      { key: 'program', value: program },
      { key: 'shop', value: shop },
    ]);
  });
}
