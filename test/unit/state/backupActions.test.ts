import '../../support/fileReaderShim';
import { describe, expect, it } from 'vitest';
import { enrollMember } from '../../../src/db/memberRepository';
import { createBackupActions } from '../../../src/state/backupActions';
import { createTillStore } from '../../../src/state/store';
import { makeTestContext } from '../../support/dbContext';

describe('backup actions', () => {
  it('back up and restore while the owner session is open, and refuse once it has lapsed', async () => {
    const ctx = await makeTestContext();
    await enrollMember(ctx, { name: 'Ann', phone: '', email: '', marketingConsent: false, welcomeBonus: false });
    const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + 60_000, query: 'An', selectedMemberId: 'gone' });
    const actions = createBackupActions(ctx, store);

    const backup = await actions.createBackup();
    if (!backup.ok) throw new Error('backup failed');
    expect(backup.value.fileName).toMatch(/^my-shop-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(await actions.restoreBackup(new Blob(['{"format":"punchline-backup"']))).toEqual({
      ok: false,
      error: { key: 'error.backup.unreadable', params: {} },
    });
    expect(await actions.restoreBackup(backup.value.blob)).toMatchObject({ ok: true, value: { members: 1 } });
    expect(store.getState()).toMatchObject({ screen: 'till', query: '', selectedMemberId: undefined, writesInFlight: 0 });

    ctx.clock.advance(60_000);
    const locked = { ok: false, error: { key: 'owner.locked', params: {} } };
    expect(await actions.createBackup()).toEqual(locked);
    expect(await actions.restoreBackup(backup.value.blob)).toEqual(locked);
  });
});
