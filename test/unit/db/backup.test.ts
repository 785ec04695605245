import '../../support/fileReaderShim';
import { describe, expect, it, vi } from 'vitest';
import { BACKUP_REMINDER_MS, backupReminderDue } from '../../../src/core/backupReminder';
import { backupFileName, canonicalJson, type BackupFile } from '../../../src/core/backupFile';
import { DomainError } from '../../../src/core/errors';
import { createBackup, restoreBackup } from '../../../src/db/backup';
import { readBackupReminderInput } from '../../../src/db/backupState';
import type { DbContext } from '../../../src/db/context';
import { enrollMember } from '../../../src/db/memberRepository';
import { setOwnerPin } from '../../../src/db/ownerPinRepository';
import { getShop } from '../../../src/db/settingsRepository';
import { recordPunch } from '../../../src/db/tillRepository';
import { makeTestContext, TestClock } from '../../support/dbContext';

// Backups: a file holds every table but the backend link, is checked whole before a restore,
// and a restore replaces the tablet's data all or nothing.


const TABLES = ['members', 'events', 'summaries', 'outbox', 'settings', 'device', 'sync'] as const;

async function snapshot(ctx: DbContext) {
  const entries = await Promise.all(TABLES.map(async (name) => [name, await ctx.db.table(name).toArray()] as const));
  return Object.fromEntries(entries) as Record<(typeof TABLES)[number], Record<string, unknown>[]>;
}

async function seed(ctx: DbContext & { clock: TestClock }) {
  await ctx.db.settings.put({ key: 'shop', value: { ...(await getShop(ctx)), name: 'Kávé & Co' } });
  const members = [];
  for (const name of ['Éva Kovács', 'Γιώργος', 'Ann']) {
    members.push((await enrollMember(ctx, { name, phone: '', email: '', marketingConsent: true, welcomeBonus: false })).member);
  }
  for (const member of members) {
    ctx.clock.advance(600_000);
    await recordPunch(ctx, { memberId: member.id, stamps: 2, confirmedDespiteCooldown: true });
  }
  await setOwnerPin(ctx, { pin: '2468', repeat: '2468' });
  await ctx.db.sync.put({
    key: 'link',
    serverUrl: 'https://shop.example',
    token: 'secret-device-token',
    deviceId: 'dev-1',
    businessId: 'b1',
    businessName: 'Kávé',
    shopId: 's1',
    pairedAt: new Date(ctx.now()).toISOString(),
  });
  return members;
}

async function fileOf(blob: Blob): Promise<BackupFile> {
  return JSON.parse(await blob.text()) as BackupFile;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('not refused');
}

describe('backup file', () => {
  it('holds every table but the backend link, with no PIN hash or device token, and a manifest', async () => {
    const ctx = await makeTestContext();
    await seed(ctx);
    const { blob, fileName, manifest } = await createBackup(ctx);
    const text = await blob.text();
    expect(fileName).toBe('kave-co-backup-2026-11-23.json');
    expect(text).not.toContain('secret-device-token');
    const file = await fileOf(blob);
    expect(file.format).toBe('punchline-backup');
    expect(file.schemaVersion).toBe(ctx.db.verno);
    expect(manifest.tables).toEqual({ members: 3, events: 6, summaries: 3, outbox: 9, settings: 1, device: 1 });
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    const device = file.dexie.data.data.find((table) => table.tableName === 'device')!.rows[0] as Record<string, unknown>;
    expect(device.ownerPin).toBeUndefined();
    expect(device.deviceId).toBeDefined();
    expect(file.dexie.data.data.map((table) => table.tableName)).not.toContain('sync');
    expect((await ctx.db.device.get('self'))?.lastBackupAt).toBe(new Date(ctx.now()).toISOString());
  });

  it('restores every table as it was, unpaired, keeping this tablet’s PIN', async () => {
    const ctx = await makeTestContext();
    await seed(ctx);
    const before = await snapshot(ctx);
    const { blob } = await createBackup(ctx);
    const afterBackup = await snapshot(ctx);

    // Work after the backup: a new member, a punch, a new PIN. The restore brings back the file's data.
    ctx.clock.advance(3_600_000);
    const late = (await enrollMember(ctx, { name: 'Late Comer', phone: '', email: '', marketingConsent: false, welcomeBonus: false })).member;
    await recordPunch(ctx, { memberId: late.id, stamps: 1, confirmedDespiteCooldown: true });
    await setOwnerPin(ctx, { pin: '1357', repeat: '1357', current: '2468' });
    const pinNow = (await ctx.db.device.get('self'))!.ownerPin;

    const result = await restoreBackup(ctx, blob);
    expect(result).toMatchObject({ shopName: 'Kávé & Co', members: 3, events: 6 });
    const after = await snapshot(ctx);
    for (const table of ['members', 'events', 'summaries', 'outbox', 'settings'] as const) {
      expect(after[table], table).toEqual(before[table]);
    }
    expect(after.sync).toEqual([]);
    expect(after.device).toEqual([{ ...before.device[0], ownerPin: pinNow, lastBackupAt: afterBackup.device[0]!.lastBackupAt }]);
  });

  it('restores onto another tablet’s empty database', async () => {
    const source = await makeTestContext();
    await seed(source);
    const { blob } = await createBackup(source);
    const target = await makeTestContext();
    await restoreBackup(target, blob);
    expect(await target.db.members.count()).toBe(3);
    expect(canonicalJson(await target.db.summaries.toArray())).toBe(canonicalJson(await source.db.summaries.toArray()));
  });

  it('refuses an edited, truncated, foreign or newer file and changes nothing', async () => {
    const ctx = await makeTestContext();
    await seed(ctx);
    const { blob } = await createBackup(ctx);
    const text = await blob.text();
    const file = await fileOf(blob);
    await enrollMember(ctx, { name: 'Kept', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    const before = await snapshot(ctx);

    const edited = structuredClone(file);
    const member = edited.dexie.data.data.find((table) => table.tableName === 'members')!.rows[0] as { name: string };
    member.name = 'Mallory';
    const dropped = structuredClone(file);
    dropped.dexie.data.data.find((table) => table.tableName === 'events')!.rows.pop();
    const recounted = structuredClone(dropped);
    recounted.manifest.tables.events -= 1;
    const newer = { ...structuredClone(file), schemaVersion: ctx.db.verno + 1 };
    const cases: [string, string][] = [
      [JSON.stringify(edited), 'backup.damaged'],
      [JSON.stringify(dropped), 'backup.damaged'],
      [JSON.stringify(recounted), 'backup.damaged'],
      [text.slice(0, Math.floor(text.length * 0.6)), 'backup.unreadable'],
      [JSON.stringify({ formatName: 'dexie', formatVersion: 1, data: {} }), 'backup.notOurs'],
      ['name;phone\nAnn;123\n', 'backup.unreadable'],
      [JSON.stringify(newer), 'backup.newerVersion'],
    ];
    for (const [content, code] of cases) {
      expect(await refusal(restoreBackup(ctx, new Blob([content]))), content.slice(0, 40)).toBe(code);
    }
    expect(await snapshot(ctx)).toEqual(before);
  });
});

describe('restore atomicity', () => {
  it('leaves the tablet as it was when the restore fails after clearing the tables', async () => {
    const ctx = await makeTestContext();
    await seed(ctx);
    const { blob } = await createBackup(ctx);
    await enrollMember(ctx, { name: 'Kept', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    const before = await snapshot(ctx);
    // The summary rebuild, the last step inside the one transaction, fails.
    const put = vi.spyOn(ctx.db.summaries, 'put').mockRejectedValueOnce(new Error('disk full'));
    await expect(restoreBackup(ctx, blob)).rejects.toThrow('disk full');
    put.mockRestore();
    expect(await snapshot(ctx)).toEqual(before);
  });
});

describe('backup reminder', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const now = Date.parse('2026-11-23T09:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();

  it('is due only unpaired, with members, 7 days after the last backup (or the oldest data)', () => {
    expect(backupReminderDue({ linked: false }, now)).toBe(false);
    expect(backupReminderDue({ linked: true, oldestDataAt: iso(now - 30 * DAY) }, now)).toBe(false);
    expect(backupReminderDue({ linked: false, oldestDataAt: iso(now - 6 * DAY) }, now)).toBe(false);
    expect(backupReminderDue({ linked: false, oldestDataAt: iso(now - BACKUP_REMINDER_MS) }, now)).toBe(true);
    expect(backupReminderDue({ linked: false, oldestDataAt: iso(now - 30 * DAY), lastBackupAt: iso(now - 7 * DAY + 1) }, now)).toBe(false);
    expect(backupReminderDue({ linked: false, oldestDataAt: iso(now - 30 * DAY), lastBackupAt: iso(now - 8 * DAY) }, now)).toBe(true);
  });

  it('reads its input from the database on a controllable clock', async () => {
    const clock = new TestClock();
    const ctx = await makeTestContext(clock);
    expect(backupReminderDue(await readBackupReminderInput(ctx), clock.now())).toBe(false);
    await enrollMember(ctx, { name: 'Ann', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    clock.advance(7 * DAY - 1);
    expect(backupReminderDue(await readBackupReminderInput(ctx), clock.now())).toBe(false);
    clock.advance(1);
    expect(backupReminderDue(await readBackupReminderInput(ctx), clock.now())).toBe(true);
    await createBackup(ctx);
    expect(backupReminderDue(await readBackupReminderInput(ctx), clock.now())).toBe(false);
    clock.advance(8 * DAY);
    expect(backupReminderDue(await readBackupReminderInput(ctx), clock.now())).toBe(true);
    await ctx.db.sync.put({ key: 'link', serverUrl: 'https://x', token: 't', deviceId: 'd', businessId: 'b', businessName: 'B', shopId: 's', pairedAt: iso(clock.now()) });
    expect(backupReminderDue(await readBackupReminderInput(ctx), clock.now())).toBe(false);
  });

  it('names the file after the shop and the date', () => {
    expect(backupFileName('Café Zöld', Date.parse('2026-03-04T12:00:00Z'))).toBe('cafe-zold-backup-2026-03-04.json');
    expect(backupFileName('★', Date.parse('2026-03-04T12:00:00Z'))).toBe('punchline-backup-2026-03-04.json');
  });
});
