import type { Hono } from 'hono';
import { createApp } from '../../server/app';
import type { SqlDatabase } from '../../server/db/sqlDatabase';
import { createBusiness, createPairingCode, pairDevice, type PairedDevice } from '../../server/repositories/businessRepository';
import type { PullResponse, PushResponse } from '../../src/core/protocol';
import { createDistDir } from './distDir';
import type { TestDatabase } from './serverDatabases';

// The real server app, in process, for sync tests: no sockets, generous rate limits.

const UNLIMITED = { burst: 1e9, perSecond: 1e9 };

export function createSyncTestApp(db: SqlDatabase): { app: Hono; remove(): void } {
  const dist = createDistDir({ 'index.html': '<!doctype html>' });
  return { app: createApp({ distDir: dist.dir, version: 'test', db, rateLimits: { pairing: UNLIMITED, sync: UNLIMITED } }), remove: dist.remove };
}

/** A backend's test database with the app over it, and one call to close both. */
export async function openSyncTestApp(open: () => Promise<TestDatabase>): Promise<{ handle: TestDatabase; app: Hono; close(): Promise<void> }> {
  const handle = await open();
  const { app, remove } = createSyncTestApp(handle.db);
  return {
    handle,
    app,
    async close() {
      await handle.drop();
      remove();
    },
  };
}

/** A new business with `count` paired devices. */
export async function businessWithDevices(db: SqlDatabase, count: number, name = 'Test café'): Promise<{ businessId: string; shopId: string; devices: PairedDevice[] }> {
  const business = await createBusiness(db, { name });
  const devices: PairedDevice[] = [await pairDevice(db, { code: business.code, deviceName: 'Till 1' })];
  for (let i = 2; i <= count; i++) {
    const { code } = await createPairingCode(db, business.shopId);
    devices.push(await pairDevice(db, { code, deviceName: `Till ${i}` }));
  }
  return { businessId: business.businessId, shopId: business.shopId, devices };
}

/** Something that answers requests by path: the in-process app (`app.request`), or `overHttp(url)`. */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** A server process, reached over real HTTP. */
export function overHttp(baseUrl: string): Requester {
  return { request: (path, init) => fetch(new URL(path, baseUrl), init) };
}

/** Raw protocol calls, for tests that speak to the server as a device would. */
export function rawSyncClient(app: Requester, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    pushResponse: (body: unknown) => app.request('/api/v1/sync/push', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    pullResponse: (query: string) => app.request(`/api/v1/sync/pull?${query}`, { headers }),
    async push(mutations: unknown[]): Promise<PushResponse> {
      const response = await this.pushResponse({ mutations });
      if (response.status !== 200) throw new Error(`push ${response.status}: ${await response.text()}`);
      return (await response.json()) as PushResponse;
    },
    async pullAll(cursor = 0, limit = 1000): Promise<PullResponse & { pages: number }> {
      let page = (await (await this.pullResponse(`cursor=${cursor}&limit=${limit}`)).json()) as PullResponse;
      const changes = [...page.changes];
      let pages = 1;
      while (page.more) {
        page = (await (await this.pullResponse(`cursor=${page.cursor}&limit=${limit}`)).json()) as PullResponse;
        changes.push(...page.changes);
        pages++;
      }
      return { ...page, changes, pages };
    },
  };
}
