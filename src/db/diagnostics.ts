import type { DbContext } from './context';

export interface DatabaseReport {
  members: number;
  pendingMutations: number;
  deviceId?: string;
}

export async function readDatabaseReport(ctx: DbContext): Promise<DatabaseReport> {
  const [members, pendingMutations, device] = await Promise.all([
    ctx.db.members.count(),
    ctx.db.outbox.count(),
    ctx.db.device.get('self'),
  ]);
  return { members, pendingMutations, deviceId: device?.deviceId };
}
