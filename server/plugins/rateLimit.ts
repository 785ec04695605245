import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ApiError } from '../../src/core/protocol';

// Token buckets per key (a device, or an address for pairing). They live in this process only:
// with several server processes the limit is per process, which is enough to stop a runaway
// tablet or a guessing script; nothing that must survive a restart is kept here.

export interface RateLimit {
  /** Requests allowed in a burst. */
  burst: number;
  /** Requests regained per second. */
  perSecond: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

const MAX_BUCKETS = 10_000;

export function rateLimit<E extends object>(limit: RateLimit, keyOf: (c: Context<E>) => string, now: () => number = Date.now): MiddlewareHandler<E> {
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const key = keyOf(c);
    const nowMs = now();
    const previous = buckets.get(key) ?? { tokens: limit.burst, atMs: nowMs };
    const tokens = Math.min(limit.burst, previous.tokens + ((nowMs - previous.atMs) / 1000) * limit.perSecond);
    if (tokens < 1) {
      c.header('Retry-After', String(Math.ceil((1 - tokens) / limit.perSecond)));
      return c.json<ApiError>({ error: 'rate_limited', message: 'Too many requests: slow down and retry shortly' }, 429);
    }
    if (buckets.size >= MAX_BUCKETS && !buckets.has(key)) buckets.clear();
    buckets.set(key, { tokens: tokens - 1, atMs: nowMs });
    await next();
  };
}

/** The peer's address when served by Node; in-process test requests have none. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}
