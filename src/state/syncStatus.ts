import type { SyncOverview } from '../db/syncState';
import type { MessageKey, MessageParams } from '../i18n';

// What the sync indicator says, decided from the stored sync state alone (every tab shows the
// same thing, whichever tab runs the engine).

export type SyncState = 'unpaired' | 'revoked' | 'loading' | 'offline' | 'error' | 'syncing' | 'pending' | 'never' | 'synced';

export interface SyncView {
  state: SyncState;
  message: { key: MessageKey; params: MessageParams };
  /** Changes waiting, shown beside any state but "pending" itself. */
  pending: number;
  /** 0–100 while a long pull is under way. */
  percent?: number;
  rejected?: { count: number; message: string };
}

/** Below this many changes behind, a pull is just a sync, not "loading members". */
const LOADING_THRESHOLD = 500;

export function describeSync(overview: SyncOverview, formatAgo: (iso: string) => string, formatTime: (iso: string) => string): SyncView {
  const { link, status, progress, pending } = overview;
  const rejected = status.rejections.length > 0 ? { count: status.rejections.length, message: status.rejections[0]!.message } : undefined;
  const view = (state: SyncState, key: MessageKey, params: MessageParams = {}, percent?: number): SyncView => ({
    state,
    message: { key, params },
    pending,
    ...(percent !== undefined ? { percent } : {}),
    ...(rejected ? { rejected } : {}),
  });
  if (!link) return view('unpaired', 'sync.unpaired');
  if (status.error?.code === 'unauthorized') return view('revoked', 'sync.error.unauthorized');
  if (status.running && progress.headSeq - progress.cursor > LOADING_THRESHOLD) {
    const percent = Math.floor((progress.cursor / progress.headSeq) * 100);
    return view('loading', 'sync.loading', { percent }, percent);
  }
  if (status.offlineSince) return view('offline', 'sync.offlineSince', { time: formatTime(status.offlineSince) });
  if (status.error) return view('error', 'sync.error.other', { message: status.error.message ?? status.error.code });
  if (status.running) return view('syncing', 'sync.syncing');
  if (pending > 0) return view('pending', 'sync.pending', { count: pending });
  return status.lastSuccessAt ? view('synced', 'sync.synced', { ago: formatAgo(status.lastSuccessAt) }) : view('never', 'sync.never');
}
