import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { ApiError } from '../../src/core/protocol';
import { hashSecret } from '../auth/secrets';
import type { CommandResult } from '../adminBridge';
import { runCommand, UsageError } from '../cli';
import type { SqlDatabase } from '../db/sqlDatabase';
import { clientAddress } from '../plugins/rateLimit';

const CommandSchema = v.object({
  command: v.pipe(v.string(), v.maxLength(40)),
  args: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(5)),
  publicUrl: v.optional(v.pipe(v.string(), v.url())),
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expectedHash: string): boolean {
  return timingSafeEqual(Buffer.from(hashSecret(given)), Buffer.from(expectedHash));
}

/**
 * `POST /api/v1/admin/command`: the owner's command line, run inside the server that holds the
 * embedded database. Only from this machine, only with the token the server wrote to DATA_DIR.
 */
export function adminRoutes(db: SqlDatabase, adminToken: string): Hono {
  const tokenHash = hashSecret(adminToken);
  const routes = new Hono();
  routes.post('/api/v1/admin/command', async (c) => {
    const token = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!LOOPBACK.has(clientAddress(c)) || !token || !sameSecret(token, tokenHash)) {
      return c.json<ApiError>({ error: 'forbidden', message: 'Owner commands are accepted from this machine only' }, 403);
    }
    const parsed = v.safeParse(CommandSchema, await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json<ApiError>({ error: 'bad_request', message: 'Send {"command": "…", "args": [ … ]}' }, 400);
    const lines: string[] = [];
    try {
      const { command, args, publicUrl } = parsed.output;
      const exitCode = await runCommand(db, command, args, (line) => lines.push(line), publicUrl ? { publicUrl } : {});
      return c.json<CommandResult>({ exitCode, lines });
    } catch (error) {
      if (error instanceof UsageError || error instanceof RangeError) return c.json<ApiError>({ error: 'usage', message: error.message }, 400);
      throw error;
    }
  });
  return routes;
}
