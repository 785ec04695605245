import type { DbContext } from '../db/context';
import { syncAndRecord, type SyncAttempt } from './syncRun';
import { createFetchTransport } from './transport';

// The sync engine as one lazily loaded chunk (protocol schemas, transport, page merging): the
// first attempt comes a second after start-up, so the till's first paint never carries it.

export function syncOverHttp(ctx: DbContext): Promise<SyncAttempt> {
  return syncAndRecord(ctx, (link) => createFetchTransport(link));
}
