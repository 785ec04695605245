import { DEFAULT_PROGRAM, DEFAULT_SHOP } from '../core/program';
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

export async function saveShop(ctx: DbContext, shop: ShopSettings): Promise<void> {
  await ctx.db.settings.put({ key: 'shop', value: shop });
}
