import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { registerStatic } from './plugins/static';
import type { SqlDatabase } from './db/sqlDatabase';
import type { RateLimit } from './plugins/rateLimit';
import { adminRoutes } from './routes/admin';
import { healthRoutes } from './routes/health';
import { pairingRoutes } from './routes/pairing';
import { syncRoutes } from './routes/sync';

export interface AppOptions {
  /** Absolute path of the built PWA (vite's dist/). */
  distDir: string;
  /** Reported by /api/v1/health; the package.json version. */
  version: string;
  db: SqlDatabase;
  /** Overrides for the per-process request limits (tests that pair many tablets at once). */
  rateLimits?: { pairing?: RateLimit; sync?: RateLimit };
  /** Enables the owner's command line against this running server (see adminBridge.ts). */
  adminToken?: string;
}

/** Self-hosted PWA: every script, style, image, font, wasm and request stays on this origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  // WebAssembly (the camera's barcode decoder) compiles only with 'wasm-unsafe-eval'; no JS eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // The app served from here syncs with this server only; no request leaves for another host.
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Adds the security headers to every response, including 404s and errors. */
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
};

const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');

const apiNotFound = (c: Context) =>
  c.json({ error: 'not_found', message: `No API route for ${c.req.method} ${c.req.path}` }, 404);

export function createApp(options: AppOptions): Hono {
  const app = new Hono();

  app.use('*', securityHeaders);
  // The API is authenticated by bearer tokens, never cookies, so any origin may call it (the
  // Vite dev server on another port, say); the CSP keeps the app served here on this origin.
  app.use('/api/*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], maxAge: 86_400 }));

  // API first: /api/* never falls through to static files or the SPA fallback.
  app.route('/', healthRoutes(options.version));
  app.route('/', pairingRoutes(options.db, options.rateLimits?.pairing));
  app.route('/', syncRoutes(options.db, options.rateLimits?.sync));
  if (options.adminToken) app.route('/', adminRoutes(options.db, options.adminToken));
  app.all('/api/*', apiNotFound);

  registerStatic(app, { distDir: options.distDir });

  app.notFound((c) => (isApi(c.req.path) ? apiNotFound(c) : c.text('Not found', 404)));
  app.onError((err, c) => {
    console.error(`[server] ${c.req.method} ${c.req.path} failed:`, err);
    return isApi(c.req.path)
      ? c.json({ error: 'internal', message: 'Internal server error' }, 500)
      : c.text('Internal server error', 500);
  });

  return app;
}
