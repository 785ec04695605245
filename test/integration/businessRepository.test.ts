import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePairingCode } from '../../server/auth/secrets';
import { migrate } from '../../server/db/migrate';
import {
  authenticateDevice,
  createBusiness,
  createPairingCode,
  listDevices,
  pairDevice,
  PairingRefused,
  revokeDevice,
} from '../../server/repositories/businessRepository';
import { serverBackends, type TestDatabase } from '../support/serverDatabases';

const backends = await serverBackends();

describe.each(backends)('businesses, pairing and device tokens on %s', (_name, open) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await open();
  }, 60_000);
  afterAll(async () => {
    await handle?.drop();
  });

  it('applies each migration once, however often it runs', async () => {
    expect(await migrate(handle.db)).toEqual([]);
    const rows = await handle.db.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(rows.map((r) => r.name)).toContain('001_businesses_and_devices.sql');
  });

  it('creates a business with a shop and pairs a tablet once with its code', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const business = await createBusiness(handle.db, { name: 'Kávézó Budapest' }, now);
    expect(business.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(business.shopName).toBe('Kávézó Budapest');

    const typed = business.code.toLowerCase().replace('-', ' ');
    const paired = await pairDevice(handle.db, { code: typed, deviceName: 'Till 1' }, now);
    expect(paired.businessId).toBe(business.businessId);
    expect(paired.cardPrefix).toBeGreaterThanOrEqual(10000);
    expect(paired.cardPrefix).toBeLessThan(90000);
    expect(await authenticateDevice(handle.db, paired.token)).toEqual({
      deviceId: paired.deviceId,
      businessId: business.businessId,
      shopId: business.shopId,
    });
    await expect(pairDevice(handle.db, { code: business.code, deviceName: 'Till 2' }, now)).rejects.toEqual(new PairingRefused('used'));
  });

  it('stores neither codes nor tokens in clear', async () => {
    const business = await createBusiness(handle.db, { name: 'Leipomo', shopName: 'Leipomo Kallio' });
    const paired = await pairDevice(handle.db, { code: business.code, deviceName: 'Till' });
    const codes = await handle.db.query<{ code_hash: string }>('SELECT code_hash FROM pairing_codes');
    const tokens = await handle.db.query<{ token_hash: string }>('SELECT token_hash FROM devices');
    expect(codes.map((r) => r.code_hash)).not.toContain(normalisePairingCode(business.code));
    expect(tokens.map((r) => r.token_hash)).not.toContain(paired.token);
    expect(tokens.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('refuses unknown and expired codes', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const business = await createBusiness(handle.db, { name: 'Φούρνος' }, now);
    await expect(pairDevice(handle.db, { code: 'AAAAA-AAAAA', deviceName: 'x' }, now)).rejects.toEqual(new PairingRefused('unknown'));
    const later = new Date(now.getTime() + 25 * 60 * 60 * 1000);
    await expect(pairDevice(handle.db, { code: business.code, deviceName: 'x' }, later)).rejects.toEqual(new PairingRefused('expired'));
  });

  it('gives every device its own card prefix, and revokes tokens', async () => {
    const business = await createBusiness(handle.db, { name: 'Car wash' });
    const first = await pairDevice(handle.db, { code: business.code, deviceName: 'Till 1' });
    const another = await createPairingCode(handle.db, business.shopId);
    const second = await pairDevice(handle.db, { code: another.code, deviceName: 'Till 2' });
    expect(second.cardPrefix).not.toBe(first.cardPrefix);
    expect(await revokeDevice(handle.db, first.deviceId)).toBe(true);
    expect(await revokeDevice(handle.db, first.deviceId)).toBe(false);
    expect(await revokeDevice(handle.db, 'not-a-uuid')).toBe(false);
    expect(await authenticateDevice(handle.db, first.token)).toBeUndefined();
    expect(await authenticateDevice(handle.db, second.token)).toBeDefined();
    const listed = (await listDevices(handle.db)).filter((d) => d.businessId === business.businessId);
    expect(listed.map((d) => [d.name, d.revokedAt !== null])).toEqual([
      ['Till 1', true],
      ['Till 2', false],
    ]);
  });
});
