import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable } from './support/environment';
import { launchChromium } from './support/browser';
import { openOwnerArea } from './support/owner';
import { startServer, type RunningServer } from './support/server';
import { localData, ownerCommand, pairFromLink, parsePrintedCode, parseShopId, punchOpenMember, signUpAtTill, syncNow } from './support/sync';
import { feedbackText, usLayout, wedgeScan } from './support/till';

// The owner's merge of two duplicates and an erasure, made in the members area of one tablet,
// reach a second tablet of the shop through the real server.

describe.runIf(chromiumAvailable())('a merge and an erasure reach the other tablet', () => {
  let server: RunningServer;
  let browser: Browser;
  let a: Page;
  let b: Page;
  const cards = { eva: '', eva2: '', nikos: '' };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    const open = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error('page error:', error));
      return page;
    };
    [a, b] = await Promise.all([open(), open()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const memberName = (page: Page) => page.locator('#member-name').innerText();
  const filledStamps = (page: Page) => page.locator('.stamp--filled').count();

  it('pairs two tablets with one shop', async () => {
    const created = await ownerCommand(server, 'create-business', 'Café Merge');
    const second = parsePrintedCode(await ownerCommand(server, 'pairing-code', parseShopId(created)));
    await pairFromLink(a, parsePrintedCode(created), 'Front counter', 'Café Merge');
    await pairFromLink(b, second, 'Back counter', 'Café Merge');
  });

  it('signs up two records of one customer and another member on the first tablet, and syncs them', async () => {
    cards.eva = await signUpAtTill(a, 'Éva Kovács', '06 30 111 2222');
    await punchOpenMember(a, 3, false);
    cards.eva2 = await signUpAtTill(a, 'Eva Kovacs', '');
    await punchOpenMember(a, 2, false);
    cards.nikos = await signUpAtTill(a, 'Nikos Papadopoulos', '+30 691 234 5678');
    await syncNow(a);
    await syncNow(b);
    await wedgeScan(b, usLayout(cards.eva2));
    await expect.poll(() => memberName(b)).toBe('Eva Kovacs');
  });

  it('merges the duplicates from Members → Likely duplicates, keeping the older record', async () => {
    await openOwnerArea(a);
    await a.getByRole('button', { name: 'Members', exact: true }).click();
    await a.getByRole('button', { name: 'Likely duplicates' }).click();
    await a.getByRole('button', { name: 'Find duplicates' }).click();
    const pair = a.getByRole('listitem', { name: 'Éva Kovács and Eva Kovacs: same name' });
    await pair.getByRole('button', { name: `Keep Éva Kovács (${cards.eva}), merge the other into it` }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => feedbackText(a)).toContain('Merged Eva Kovacs into Éva Kovács.');
    await expect.poll(() => a.getByRole('status').filter({ hasText: 'likely duplicate' }).or(a.getByText('No likely duplicates found.')).count()).toBeGreaterThan(0);
    expect(await a.locator('.duplicate').count()).toBe(0);
  });

  it('erases a member from their page after the name is typed', async () => {
    await a.getByRole('button', { name: 'Back to members' }).click();
    await a.getByLabel('Search by name, phone, card or email').fill('nikos');
    await a.locator('.members__open', { hasText: 'Nikos Papadopoulos' }).click();
    await a.getByRole('button', { name: 'Erase…' }).click();
    const confirm = a.getByRole('button', { name: 'Erase for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await a.getByLabel(/To confirm, type the member’s name/).fill('nikos papadopoulos');
    await confirm.click();
    await expect.poll(() => feedbackText(a)).toContain('The member was erased.');
    await a.getByRole('button', { name: 'Back to members' }).click();
    await a.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('shows both on the second tablet after a sync: the old card opens the survivor with both balances, the erased member is gone', async () => {
    await syncNow(a);
    // The second tablet has the absorbed record open: it follows the merge when it arrives.
    await syncNow(b);
    await expect.poll(() => memberName(b)).toBe('Éva Kovács');
    await expect.poll(() => filledStamps(b)).toBe(5);
    await wedgeScan(b, usLayout(cards.eva));
    await expect.poll(() => memberName(b)).toBe('Éva Kovács');

    await b.locator('#till-search').fill('Nikos');
    await expect.poll(() => b.locator('.results__name').count()).toBe(0);
    const { members } = await localData(b);
    const nikos = (members as { name: string; cardCodes: string[]; deletedAt?: string; phoneE164?: string }[]).find((m) => m.cardCodes.length === 0 && m.deletedAt);
    expect(nikos).toMatchObject({ name: '', cardCodes: [] });
    expect(nikos?.phoneE164).toBeUndefined();
    const absorbed = (members as { name: string; mergedInto?: string }[]).filter((m) => m.mergedInto !== undefined);
    expect(absorbed).toHaveLength(1);
    expect(absorbed[0]).toMatchObject({ name: '' });
  });
});
