import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { MAX_PUSH_BYTES, MAX_PUSH_MUTATIONS, PullQuerySchema, PushRequestSchema, type ApiError, type PullResponse, type PushResponse } from '../../src/core/protocol';
import type { SqlDatabase } from '../db/sqlDatabase';
import { deviceAuth, type DeviceEnv } from '../plugins/deviceAuth';
import { rateLimit, type RateLimit } from '../plugins/rateLimit';
import { pullChanges } from '../repositories/pullRepository';
import { pushMutations } from '../repositories/pushRepository';

/** A first sync pulls hundreds of pages in a row; a steady tablet asks every half minute. */
export const SYNC_RATE_LIMIT: RateLimit = { burst: 300, perSecond: 20 };

/** `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`, for paired devices only. */
export function syncRoutes(db: SqlDatabase, limit: RateLimit = SYNC_RATE_LIMIT): Hono<DeviceEnv> {
  const routes = new Hono<DeviceEnv>();
  routes.use('/api/v1/sync/*', deviceAuth(db), rateLimit<DeviceEnv>(limit, (c) => c.get('device').deviceId));

  routes.post(
    '/api/v1/sync/push',
    bodyLimit({ maxSize: MAX_PUSH_BYTES, onError: (c) => c.json<ApiError>({ error: 'too_large', message: `A push may carry at most ${MAX_PUSH_BYTES} bytes` }, 413) }),
    async (c) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      const parsed = v.safeParse(PushRequestSchema, body);
      if (!parsed.success) {
        return c.json<ApiError>({ error: 'bad_request', message: `Send {"mutations": [{"mid": 1, "kind": …}, …]} with 1 to ${MAX_PUSH_MUTATIONS} mutations` }, 400);
      }
      c.header('Cache-Control', 'no-store');
      return c.json<PushResponse>(await pushMutations(db, c.get('device'), parsed.output.mutations));
    },
  );

  routes.get('/api/v1/sync/pull', async (c) => {
    const parsed = v.safeParse(PullQuerySchema, { cursor: c.req.query('cursor'), limit: c.req.query('limit') });
    if (!parsed.success) {
      return c.json<ApiError>({ error: 'bad_request', message: 'Pass ?cursor=<a whole number ≥ 0>, and optionally &limit=<1–5000>' }, 400);
    }
    c.header('Cache-Control', 'no-store');
    return c.json<PullResponse>(await pullChanges(db, c.get('device'), parsed.output));
  });
  return routes;
}
