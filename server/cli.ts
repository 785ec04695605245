import type { SqlDatabase } from './db/sqlDatabase';
import { createBusiness, createPairingCode, listDevices, revokeDevice } from './repositories/businessRepository';

// The owner's and the operator's commands: `npm run server -- <command> …` (see README).

export class UsageError extends Error {}

export const USAGE = `Commands:
  create-business "Name" ["Shop name"]   a business, its first shop and a pairing code
  pairing-code <shop id>                 one more single-use pairing code for a shop
  list-devices                           every paired tablet, with its id
  revoke-device <device id>              the tablet's token stops working at once`;

function printCode(print: (line: string) => void, code: string, expiresAt: Date): void {
  print(`Pairing code: ${code}   (single use, valid until ${expiresAt.toISOString()})`);
  print('It pairs one tablet with this shop (POST /api/v1/pair; the tablet screen for it comes with sync).');
}

/** Runs one command; returns the process exit code. */
export async function runCommand(db: SqlDatabase, command: string, args: string[], print: (line: string) => void): Promise<number> {
  switch (command) {
    case 'create-business': {
      if (!args[0]) throw new UsageError(`create-business needs a name\n${USAGE}`);
      const created = await createBusiness(db, { name: args[0], ...(args[1] ? { shopName: args[1] } : {}) });
      print(`Business "${created.businessName}" (${created.businessId}), shop "${created.shopName}" (${created.shopId})`);
      printCode(print, created.code, created.expiresAt);
      return 0;
    }
    case 'pairing-code': {
      if (!args[0]) throw new UsageError(`pairing-code needs a shop id\n${USAGE}`);
      const created = await createPairingCode(db, args[0]);
      printCode(print, created.code, created.expiresAt);
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
    default:
      throw new UsageError(`Unknown command "${command}"\n${USAGE}`);
  }
}
