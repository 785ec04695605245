import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../server/app';
import { createDistDir } from '../support/distDir';
import { createPgliteDatabase, type TestDatabase } from '../support/serverDatabases';

const INDEX_HTML = '<!doctype html><title>Punchline</title><div id="app"></div>';
const SW_JS = 'self.addEventListener("install", () => {});';
const APP_JS = 'console.log("app");';
const MANIFEST = '{"name":"Punchline"}';

let dist: ReturnType<typeof createDistDir>;
let app: Hono;
let database: TestDatabase;

beforeAll(async () => {
  database = await createPgliteDatabase();
  dist = createDistDir({
    'index.html': INDEX_HTML,
    'sw.js': SW_JS,
    'manifest.webmanifest': MANIFEST,
    'assets/app-abc123.js': APP_JS,
  });
  app = createApp({ distDir: dist.dir, version: '9.8.7-test', db: database.db });
}, 60_000);

afterAll(async () => {
  await database.drop();
  dist.remove();
});

describe('server app', () => {
  it('reports health with the version and no caching', async () => {
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: true, version: '9.8.7-test' });
  });

  it('answers unknown /api paths with a JSON 404 (never the SPA page)', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/health', '/api/whatever/deep/path']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('not_found');
      expect(typeof body.message).toBe('string');
    }
    const post = await app.request('/api/v1/nope', { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    expect(((await post.json()) as { error: string }).error).toBe('not_found');
  });

  it('serves hashed assets as immutable', async () => {
    const res = await app.request('/assets/app-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(APP_JS);
  });

  it('serves the service worker, manifest and index.html with no-cache', async () => {
    const sw = await app.request('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(await sw.text()).toBe(SW_JS);

    const manifest = await app.request('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    expect(manifest.headers.get('cache-control')).toBe('no-cache');

    for (const path of ['/', '/index.html']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX_HTML);
    }
  });

  it('falls back to index.html for deep links without an extension', async () => {
    for (const path of ['/member/123', '/owner/settings', '/till']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX_HTML);
    }
  });

  it('404s missing files with an extension instead of falling back', async () => {
    for (const path of ['/assets/missing.js', '/missing.png']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('cache-control')).toBeNull();
      expect(await res.text()).not.toContain('<title>Punchline</title>');
    }
  });

  it('does not serve files outside distDir', async () => {
    const res = await app.request('/assets/..%2f..%2fetc%2fpasswd');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/root:/);
  });

  it('sets the security headers on every kind of response', async () => {
    const paths = ['/api/v1/health', '/api/v1/nope', '/assets/app-abc123.js', '/member/123', '/x.js'];
    for (const path of paths) {
      const res = await app.request(path);
      const h = res.headers;
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('referrer-policy'), path).toBe('no-referrer');
      expect(h.get('x-frame-options'), path).toBe('DENY');
      const csp = h.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("worker-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:/);
    }
  });
});
