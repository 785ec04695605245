import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler } from 'hono';

/** Files named by content hash under /assets/ never change; everything else must revalidate. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Cache policy for a served file, by request path. `sw.js`, `registerSW.js`,
 * `manifest.webmanifest` and `index.html` must be revalidated every time or an update could
 * never reach the tablets; hashed bundles under /assets/ are cached forever. Anything else in
 * dist/ (icons, favicon) is unhashed, so it revalidates too — the service worker precaches it
 * anyway.
 */
export function cacheControlFor(requestPath: string): string {
  return requestPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
}

/** True when the last path segment looks like a file name (`/assets/app.js`, `/sw.js`). */
function hasExtension(requestPath: string): boolean {
  const last = requestPath.slice(requestPath.lastIndexOf('/') + 1);
  return last.includes('.');
}

/** Runs a serveStatic middleware and stamps Cache-Control on the response when a file was found. */
function withCacheControl(
  files: MiddlewareHandler,
  cacheControl: (c: Context) => string,
): MiddlewareHandler {
  return async (c, next) => {
    const res = await files(c, next);
    // serveStatic returns the Response it built when it found a file, and whatever next()
    // returned otherwise; only stamp our own file responses (never a 404 from further down).
    if (res instanceof Response && (res.status === 200 || res.status === 206)) {
      res.headers.set('Cache-Control', cacheControl(c));
    }
    return res;
  };
}

/**
 * Serves the built PWA from `distDir` (an absolute path) and falls back to index.html for
 * extensionless GETs outside /api/ so deep links like /member/123 load the app.
 *
 * The installed @hono/node-server (2.x) resolves files with `path.join(root, requestPath)`,
 * so an absolute `root` works as is (its "relative to cwd" note only applies to relative roots).
 * It also refuses `..` segments, doubled slashes and backslashes before touching the disk.
 */
export function registerStatic(app: Hono, options: { distDir: string }): void {
  const { distDir } = options;

  app.get(
    '*',
    withCacheControl(serveStatic({ root: distDir }), (c) => cacheControlFor(c.req.path)),
  );

  const indexHtml = withCacheControl(
    serveStatic({ root: distDir, path: 'index.html' }),
    () => REVALIDATE,
  );
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || hasExtension(c.req.path)) return next();
    return indexHtml(c, next);
  });
}
