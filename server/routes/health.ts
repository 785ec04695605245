import { Hono } from 'hono';

/** `GET /api/v1/health`: liveness probe. Never cached, so a stale "ok" can't hide an outage. */
export function healthRoutes(version: string): Hono {
  const routes = new Hono();
  routes.get('/api/v1/health', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true as const, version });
  });
  return routes;
}
