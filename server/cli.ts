import { pairingLink } from '../src/core/pairingLink';
import type { SqlDatabase } from './db/sqlDatabase';
import { createBusiness, createPairingCode, listDevices, revokeDevice } from './repositories/businessRepository';
import { listReview, type CouponUse } from './repositories/reviewRepository';
import { terminalQr } from './terminalQr';

// The owner's and the operator's commands: `npm run server -- <command> …` (see README).

export class UsageError extends Error {}

export const USAGE = `Commands:
  create-business "Name" ["Shop name"]   a business, its first shop and a pairing code
  pairing-code <shop id>                 one more single-use pairing code for a shop
  list-devices                           every paired tablet, with its id
  revoke-device <device id>              the tablet's token stops working at once
  review                                 what two offline tablets did twice, for the owner: the same
                                         stamps or points redeemed, one coupon code used (alias: overdrafts)`;

export interface CommandOptions {
  /** The address tablets reach this server at, for the pairing link and its QR code. */
  publicUrl?: string;
}

function printCode(print: (line: string) => void, code: string, expiresAt: Date, options: CommandOptions): void {
  print(`Pairing code: ${code}   (single use, valid until ${expiresAt.toISOString()})`);
  print('On the tablet: Settings → Connect to backend, then type the code or scan the QR code below.');
  if (!options.publicUrl) return;
  const link = pairingLink(options.publicUrl, code);
  print(`Pairing link: ${link}`);
  for (const line of terminalQr(link)) print(line);
}

function memberLabel(use: Pick<CouponUse, 'memberId' | 'memberName'>): string {
  return `${use.memberName || '(erased member)'} (${use.memberId})`;
}

/** Runs one command; returns the process exit code. */
export async function runCommand(db: SqlDatabase, command: string, args: string[], print: (line: string) => void, options: CommandOptions = {}): Promise<number> {
  switch (command) {
    case 'create-business': {
      if (!args[0]) throw new UsageError(`create-business needs a name\n${USAGE}`);
      const created = await createBusiness(db, { name: args[0], ...(args[1] ? { shopName: args[1] } : {}) });
      print(`Business "${created.businessName}" (${created.businessId}), shop "${created.shopName}" (${created.shopId})`);
      printCode(print, created.code, created.expiresAt, options);
      return 0;
    }
    case 'pairing-code': {
      if (!args[0]) throw new UsageError(`pairing-code needs a shop id\n${USAGE}`);
      const created = await createPairingCode(db, args[0]);
      printCode(print, created.code, created.expiresAt, options);
      return 0;
    }
    case 'list-devices': {
      const devices = await listDevices(db);
      if (devices.length === 0) print('No paired devices.');
      for (const d of devices) {
        const state = d.revokedAt ? `revoked ${d.revokedAt.toISOString()}` : 'active';
        print(`${d.id}  ${d.businessName} / ${d.shopName} / ${d.name}  card prefix ${d.cardPrefix}  paired ${d.createdAt.toISOString()}  ${state}`);
      }
      return 0;
    }
    case 'revoke-device': {
      if (!args[0]) throw new UsageError(`revoke-device needs a device id\n${USAGE}`);
      const revoked = await revokeDevice(db, args[0]);
      print(revoked ? `Device ${args[0]} revoked.` : `No active device ${args[0]}.`);
      return revoked ? 0 : 1;
    }
    case 'review':
    case 'overdrafts': {
      const { overdrafts, reusedCoupons } = await listReview(db);
      if (overdrafts.length === 0 && reusedCoupons.length === 0) print('Nothing to review: no overdrawn redemptions, no coupon used twice.');
      if (overdrafts.length > 0) print(`Overdrawn redemptions (${overdrafts.length}): the same stamps or points spent twice`);
      for (const f of overdrafts) {
        const spent = [f.stamps ? `${-f.stamps} stamps` : '', f.points ? `${-f.points} points` : ''].filter(Boolean).join(', ');
        const what = [f.reward, spent && `(${spent})`].filter(Boolean).join(' ');
        print(`  ${f.at}  ${f.businessName} / ${memberLabel(f)}  redeemed${what ? ` ${what}` : ''} on ${f.deviceName}  flagged ${f.flaggedAt.toISOString()}  event ${f.eventId}`);
      }
      if (reusedCoupons.length > 0) print(`Coupons used twice (${reusedCoupons.length}): one code, one use`);
      for (const c of reusedCoupons) {
        const batch = c.batchName ? ` (${c.batchName})` : '';
        print(`  ${c.at}  ${c.businessName} / coupon ${c.code}${batch} used again by ${memberLabel(c)} on ${c.deviceName}  flagged ${c.flaggedAt.toISOString()}  event ${c.eventId}`);
        if (c.firstUse) print(`      first used ${c.firstUse.at} by ${memberLabel(c.firstUse)} on ${c.firstUse.deviceName}  event ${c.firstUse.eventId}`);
      }
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}"\n${USAGE}`);
  }
}
