import { describe, expect, it } from 'vitest';
import { enrollMember } from '../../../src/db/memberRepository';
import { createMemberExportActions } from '../../../src/state/memberExportActions';
import { createTillStore } from '../../../src/state/store';
import { makeTestContext } from '../../support/dbContext';

describe('member export action', () => {
  it('exports while the owner session is open and refuses once it has lapsed', async () => {
    const ctx = await makeTestContext();
    await enrollMember(ctx, { name: 'Ann', phone: '', email: '', marketingConsent: true, welcomeBonus: false });
    const store = createTillStore({ settingsOpen: true, ownerUnlockedUntil: ctx.now() + 60_000 });
    const actions = createMemberExportActions(ctx, store);

    const result = await actions.exportMembers({ consentingOnly: true, delimiter: 'auto' });
    expect(result).toMatchObject({ ok: true, file: { rows: 1, fileName: expect.stringMatching(/^my-shop-members-\d{4}-\d{2}-\d{2}\.csv$/) } });

    ctx.clock.advance(60_000);
    expect(await actions.exportMembers({ consentingOnly: true, delimiter: 'auto' })).toEqual({ ok: false, error: { key: 'owner.locked', params: {} } });
  });
});
