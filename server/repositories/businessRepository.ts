import { randomUUID } from 'node:crypto';
import { hashSecret, newDeviceToken, newPairingCode, normalisePairingCode } from '../auth/secrets';
import type { PairResponse } from '../../src/core/protocol';
import type { SqlClient, SqlDatabase } from '../db/sqlDatabase';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PAIRING_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export interface PairingCode {
  code: string;
  businessId: string;
  shopId: string;
  expiresAt: Date;
}

export interface NewBusiness extends PairingCode {
  businessName: string;
  shopName: string;
}

async function insertPairingCode(tx: SqlClient, businessId: string, shopId: string, now: Date): Promise<PairingCode> {
  const code = newPairingCode();
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS);
  await tx.query('INSERT INTO pairing_codes (code_hash, business_id, shop_id, expires_at) VALUES ($1, $2, $3, $4)', [
    hashSecret(normalisePairingCode(code)),
    businessId,
    shopId,
    expiresAt.toISOString(),
  ]);
  return { code, businessId, shopId, expiresAt };
}

/** The owner's first step: a business, its first shop, and a code to pair the first tablet. */
export async function createBusiness(db: SqlDatabase, input: { name: string; shopName?: string }, now = new Date()): Promise<NewBusiness> {
  const businessName = input.name.trim();
  if (businessName === '' || businessName.length > 120) throw new RangeError('A business name of 1–120 characters is needed');
  const shopName = input.shopName?.trim() || businessName;
  return db.transaction(async (tx) => {
    const businessId = randomUUID();
    const shopId = randomUUID();
    await tx.query('INSERT INTO businesses (id, name) VALUES ($1, $2)', [businessId, businessName]);
    await tx.query('INSERT INTO shops (id, business_id, name) VALUES ($1, $2, $3)', [shopId, businessId, shopName]);
    return { businessName, shopName, ...(await insertPairingCode(tx, businessId, shopId, now)) };
  });
}

/** One more single-use code, for another tablet of a shop. */
export async function createPairingCode(db: SqlDatabase, shopId: string, now = new Date()): Promise<PairingCode> {
  if (!UUID.test(shopId)) throw new RangeError(`No shop ${shopId} (a shop id looks like 0f8e…-…)`);
  return db.transaction(async (tx) => {
    const [shop] = await tx.query<{ business_id: string }>('SELECT business_id FROM shops WHERE id = $1', [shopId]);
    if (!shop) throw new RangeError(`No shop ${shopId}`);
    return insertPairingCode(tx, shop.business_id, shopId, now);
  });
}

export type PairedDevice = PairResponse;

export type PairingRefusal = 'unknown' | 'expired' | 'used';

export class PairingRefused extends Error {
  constructor(readonly reason: PairingRefusal) {
    super(`Pairing refused: ${reason}`);
  }
}

/** Redeems a pairing code (once, before it expires) for a device id, a token and a card prefix. */
export async function pairDevice(db: SqlDatabase, input: { code: string; deviceName: string }, now = new Date()): Promise<PairedDevice> {
  const codeHash = hashSecret(normalisePairingCode(input.code));
  return db.transaction(async (tx) => {
    const [code] = await tx.query<{ business_id: string; business_name: string; shop_id: string; shop_name: string; expires_at: Date; used_at: Date | null }>(
      `SELECT p.business_id, b.name AS business_name, p.shop_id, s.name AS shop_name, p.expires_at, p.used_at
         FROM pairing_codes p JOIN businesses b ON b.id = p.business_id JOIN shops s ON s.id = p.shop_id
        WHERE p.code_hash = $1 FOR UPDATE OF p`,
      [codeHash],
    );
    if (!code) throw new PairingRefused('unknown');
    if (code.used_at) throw new PairingRefused('used');
    if (new Date(code.expires_at).getTime() <= now.getTime()) throw new PairingRefused('expired');
    await tx.query('UPDATE pairing_codes SET used_at = $2 WHERE code_hash = $1', [codeHash, now.toISOString()]);
    const deviceId = randomUUID();
    const token = newDeviceToken();
    const [device] = await tx.query<{ card_prefix: number }>(
      'INSERT INTO devices (id, business_id, shop_id, name, token_hash) VALUES ($1, $2, $3, $4, $5) RETURNING card_prefix',
      [deviceId, code.business_id, code.shop_id, input.deviceName.trim().slice(0, 80) || 'Tablet', hashSecret(token)],
    );
    return {
      deviceId,
      token,
      businessId: code.business_id,
      businessName: code.business_name,
      shopId: code.shop_id,
      shopName: code.shop_name,
      cardPrefix: Number(device!.card_prefix),
    };
  });
}

export interface AuthenticatedDevice {
  deviceId: string;
  businessId: string;
  shopId: string;
}

/** The device a bearer token belongs to; revoked or unknown tokens get nothing. */
export async function authenticateDevice(db: SqlDatabase, token: string): Promise<AuthenticatedDevice | undefined> {
  const [device] = await db.query<{ id: string; business_id: string; shop_id: string }>(
    'SELECT id, business_id, shop_id FROM devices WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashSecret(token)],
  );
  return device ? { deviceId: device.id, businessId: device.business_id, shopId: device.shop_id } : undefined;
}

export interface DeviceListing {
  id: string;
  businessId: string;
  businessName: string;
  shopName: string;
  name: string;
  cardPrefix: number;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listDevices(db: SqlDatabase): Promise<DeviceListing[]> {
  const rows = await db.query<{
    id: string;
    business_id: string;
    business_name: string;
    shop_name: string;
    name: string;
    card_prefix: number;
    created_at: Date;
    revoked_at: Date | null;
  }>(
    `SELECT d.id, d.business_id, b.name AS business_name, s.name AS shop_name, d.name, d.card_prefix, d.created_at, d.revoked_at
       FROM devices d JOIN businesses b ON b.id = d.business_id JOIN shops s ON s.id = d.shop_id
      ORDER BY b.name, d.created_at`,
  );
  return rows.map((r) => ({
    id: r.id,
    businessId: r.business_id,
    businessName: r.business_name,
    shopName: r.shop_name,
    name: r.name,
    cardPrefix: Number(r.card_prefix),
    createdAt: new Date(r.created_at),
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  }));
}

/** Revokes a device's token at once; returns false when there is no such active device. */
export async function revokeDevice(db: SqlDatabase, deviceId: string, now = new Date()): Promise<boolean> {
  if (!UUID.test(deviceId)) return false;
  const rows = await db.query('UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [deviceId, now.toISOString()]);
  return rows.length > 0;
}
