import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../server/app';
import { runCommand, UsageError } from '../../server/cli';
import { authenticateDevice, createBusiness } from '../../server/repositories/businessRepository';
import { createDistDir } from '../support/distDir';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';

const backends = await serverBackends();

describe.each(backends)('pairing a tablet over HTTP, and the owner commands, on %s', (_name, open) => {
  let handle: TestDatabase;
  let app: Hono;
  const dist = createDistDir({ 'index.html': '<!doctype html>' });

  beforeAll(async () => {
    handle = await open();
    app = createApp({ distDir: dist.dir, version: 'test', db: handle.db });
  }, 60_000);
  afterAll(async () => {
    await handle?.drop();
    dist.remove();
  });

  const pair = (body: unknown) =>
    app.request('/api/v1/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('trades a pairing code for a device id, a working token and a card prefix', async () => {
    const business = await createBusiness(handle.db, { name: 'Kávézó' });
    const response = await pair({ code: business.code, deviceName: 'Till 1' });
    expect(response.status).toBe(201);
    const paired = (await response.json()) as { deviceId: string; token: string; businessId: string; cardPrefix: number };
    expect(paired.businessId).toBe(business.businessId);
    expect((await authenticateDevice(handle.db, paired.token))?.deviceId).toBe(paired.deviceId);

    const again = await pair({ code: business.code, deviceName: 'Till 2' });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: 'pairing_refused', reason: 'used' });
  });

  it.each([
    ['not JSON', '{"code":'],
    ['no code', { deviceName: 'x' }],
    ['a number for a code', { code: 42, deviceName: 'x' }],
    ['a huge code', { code: 'A'.repeat(100), deviceName: 'x' }],
  ])('answers 400 with a clear message to %s', async (_what, body) => {
    const response = await pair(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining('code') });
  });

  it('refuses a body over 4 KB with 413, and an unknown code with 403', async () => {
    expect((await pair({ code: 'X', deviceName: 'y'.repeat(5000) })).status).toBe(413);
    const unknown = await pair({ code: 'ZZZZZ-ZZZZZ', deviceName: 'x' });
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toMatchObject({ reason: 'unknown' });
  });

  it('creates a business, lists and revokes devices from the command line', async () => {
    const lines: string[] = [];
    expect(await runCommand(handle.db, 'create-business', ['Leipomo', 'Kallio'], (l) => lines.push(l))).toBe(0);
    const code = /Pairing code: (\S+)/.exec(lines.join('\n'))![1]!;
    const paired = (await (await pair({ code, deviceName: 'Kassa' })).json()) as { deviceId: string; token: string };
    lines.length = 0;
    await runCommand(handle.db, 'list-devices', [], (l) => lines.push(l));
    expect(lines.some((l) => l.startsWith(paired.deviceId) && l.includes('Leipomo / Kallio / Kassa') && l.endsWith('active'))).toBe(true);
    expect(await runCommand(handle.db, 'revoke-device', [paired.deviceId], () => undefined)).toBe(0);
    expect(await authenticateDevice(handle.db, paired.token)).toBeUndefined();
    await expect(runCommand(handle.db, 'launch-rockets', [], () => undefined)).rejects.toBeInstanceOf(UsageError);
  });
});
