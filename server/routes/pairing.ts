import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { PairRequestSchema, type ApiError, type PairResponse } from '../../src/core/protocol';
import type { SqlDatabase } from '../db/sqlDatabase';
import { clientAddress, rateLimit, type RateLimit } from '../plugins/rateLimit';
import { pairDevice, PairingRefused } from '../repositories/businessRepository';

const REFUSALS: Record<PairingRefused['reason'], string> = {
  unknown: 'This pairing code is not known. Check it, or create a new one.',
  expired: 'This pairing code has expired. Create a new one.',
  used: 'This pairing code was already used. Create a new one for each tablet.',
};

/** Enough for a shop pairing its tablets and retyping a code; far too few to guess one. */
export const PAIRING_RATE_LIMIT: RateLimit = { burst: 10, perSecond: 1 / 6 };

/** `POST /api/v1/pair`: a tablet trades a one-time pairing code for its device id and token. */
export function pairingRoutes(db: SqlDatabase, limit: RateLimit = PAIRING_RATE_LIMIT): Hono {
  const routes = new Hono();
  routes.post(
    '/api/v1/pair',
    rateLimit(limit, clientAddress),
    bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.json<ApiError>({ error: 'too_large', message: 'Request body too large' }, 413) }),
    async (c) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      const parsed = v.safeParse(PairRequestSchema, body);
      if (!parsed.success) {
        return c.json<ApiError>({ error: 'bad_request', message: 'Send {"code": "…", "deviceName": "…"} as JSON' }, 400);
      }
      try {
        return c.json<PairResponse>(await pairDevice(db, parsed.output), 201);
      } catch (error) {
        if (!(error instanceof PairingRefused)) throw error;
        return c.json<ApiError & { reason: string }>({ error: 'pairing_refused', reason: error.reason, message: REFUSALS[error.reason] }, 403);
      }
    },
  );
  return routes;
}
