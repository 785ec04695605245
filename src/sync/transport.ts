import type { ApiError, NumberedMutation, PullResponse, PushResponse } from '../core/protocol';

// The one contract the sync engine talks through, and its implementation over fetch. Tests hand
// the same implementation a fetch that reaches the real server app in process (and drops,
// repeats or delays requests on purpose); the browser hands it the real fetch.

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type SyncFailureKind = 'offline' | 'unauthorized' | 'rateLimited' | 'server' | 'refused';

/** Why a sync attempt failed, in terms the status indicator can explain. */
export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export interface SyncTransport {
  push(mutations: NumberedMutation[]): Promise<PushResponse>;
  pull(cursor: number, limit: number): Promise<PullResponse>;
}

const REQUEST_TIMEOUT_MS = 30_000;

async function failureFrom(response: Response): Promise<SyncFailure> {
  const body = (await response.json().catch(() => undefined)) as Partial<ApiError> | undefined;
  const message = body?.message ?? `HTTP ${response.status}`;
  if (response.status === 401) return new SyncFailure('unauthorized', message);
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After'));
    return new SyncFailure('rateLimited', message, Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  return new SyncFailure(response.status >= 500 ? 'server' : 'refused', message);
}

export function createFetchTransport(link: { serverUrl: string; token: string }, fetchFn: FetchLike = (url, init) => fetch(url, init)): SyncTransport {
  async function call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetchFn(new URL(path, link.serverUrl).toString(), {
        ...init,
        headers: { authorization: `Bearer ${link.token}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SyncFailure('offline', error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw await failureFrom(response);
    try {
      return (await response.json()) as T;
    } catch (error) {
      // The connection dropped mid-answer: as good as no answer.
      throw new SyncFailure('offline', error instanceof Error ? error.message : String(error));
    }
  }
  return {
    push: (mutations) => call<PushResponse>('/api/v1/sync/push', { method: 'POST', body: JSON.stringify({ mutations }) }),
    pull: (cursor, limit) => call<PullResponse>(`/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { method: 'GET' }),
  };
}
