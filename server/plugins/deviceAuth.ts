import type { MiddlewareHandler } from 'hono';
import type { ApiError } from '../../src/core/protocol';
import type { SqlDatabase } from '../db/sqlDatabase';
import { authenticateDevice, type AuthenticatedDevice } from '../repositories/businessRepository';

export type DeviceEnv = { Variables: { device: AuthenticatedDevice } };

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

/** `Authorization: Bearer <token>` → the device (and so the business) every query is scoped to. */
export function deviceAuth(db: SqlDatabase): MiddlewareHandler<DeviceEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    const device = token ? await authenticateDevice(db, token) : undefined;
    if (!device) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json<ApiError>({ error: 'unauthorized', message: 'This tablet is not paired, or its pairing was revoked. Pair it again.' }, 401);
    }
    c.set('device', device);
    await next();
  };
}
