import type { LedgerEvent, Member } from '../core/types';
import type { DbContext } from './context';
import { memberEvents } from './ledgerRepository';
import { fromMemberRow } from './memberRows';

// What the owner's member page reads: the member, their whole ledger (with the voids) and which
// tablet this is, so that entries recorded here say "this tablet".

export interface MemberPageData {
  member: Member;
  /** Oldest first (HLC order). */
  events: LedgerEvent[];
  thisDeviceId: string | undefined;
}

export async function readMemberPage(ctx: DbContext, memberId: string): Promise<MemberPageData | undefined> {
  return ctx.db.transaction('r', [ctx.db.members, ctx.db.events, ctx.db.device], async () => {
    const [row, events, device] = await Promise.all([ctx.db.members.get(memberId), memberEvents(ctx, memberId), ctx.db.device.get('self')]);
    if (!row) return undefined;
    return { member: fromMemberRow(row), events, thisDeviceId: device?.deviceId };
  });
}
