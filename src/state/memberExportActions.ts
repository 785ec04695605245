import type { DbContext } from '../db/context';
import type { MemberExportFile, MemberExportOptions } from '../db/memberExport';
import { actionErrorOf, type ActionError } from './actionError';
import { isOwnerSessionOpen } from './ownerActions';
import type { TillStore } from './store';

// The owner's CSV export of members. Only the owner may take the member base off the tablet: the
// action refuses once the owner session has lapsed, and the export code loads only when asked.

export type MemberExportResult = { ok: true; file: MemberExportFile } | { ok: false; error: ActionError };

export function createMemberExportActions(ctx: DbContext, store: TillStore) {
  return {
    async exportMembers(options: MemberExportOptions): Promise<MemberExportResult> {
      if (!isOwnerSessionOpen(store.getState(), ctx.now())) return { ok: false, error: { key: 'owner.locked', params: {} } };
      try {
        const { exportMembersCsv } = await import('../db/memberExport');
        return { ok: true, file: await exportMembersCsv(ctx, options) };
      } catch (error) {
        return { ok: false, error: actionErrorOf(error, 'error.storage') };
      }
    },
  };
}

export type MemberExportActions = ReturnType<typeof createMemberExportActions>;
