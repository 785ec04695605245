import { DomainError } from '../core/errors';
import { buildMemberDataExport, memberDataFileName, memberDataJson, type MemberDataExport } from '../core/memberDataExport';
import { isoAt, type DbContext } from './context';
import { memberEvents } from './ledgerRepository';
import { fromMemberRow } from './memberRows';
import { getProgram, getShop } from './settingsRepository';

// One member's data for an access request: read in one transaction (a consistent snapshot), shaped
// by core/memberDataExport. Loaded with the owner's member page, never with the till.

export interface MemberDataFile {
  data: MemberDataExport;
  blob: Blob;
  fileName: string;
}

export async function readMemberData(ctx: DbContext, memberId: string): Promise<MemberDataExport> {
  const nowMs = ctx.now();
  return ctx.db.transaction('r', [ctx.db.members, ctx.db.events, ctx.db.settings], async () => {
    const row = await ctx.db.members.get(memberId);
    if (!row) throw new DomainError('member.notFound');
    const [events, program, shop] = await Promise.all([memberEvents(ctx, memberId), getProgram(ctx), getShop(ctx)]);
    return buildMemberDataExport({ member: fromMemberRow(row), events, program, shop, exportedAt: isoAt(nowMs) });
  });
}

export async function memberDataFile(ctx: DbContext, memberId: string): Promise<MemberDataFile> {
  const data = await readMemberData(ctx, memberId);
  return {
    data,
    blob: new Blob([memberDataJson(data)], { type: 'application/json;charset=utf-8' }),
    fileName: memberDataFileName(data, ctx.now()),
  };
}
