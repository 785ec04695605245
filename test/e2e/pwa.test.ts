import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable } from './support/environment';
import { launchChromium } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { dbCounts } from './support/till';

// The installable-app side: manifest, precache, persistent storage, diagnostics, and an update
// that waits for the cashier's tap. The server serves a copy of dist/ so the test can publish
// a "new version" by changing its sw.js.

describe.runIf(chromiumAvailable())('the PWA, end to end', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let distCopy: string;
  const requestedHosts = new Set<string>();

  beforeAll(async () => {
    distCopy = mkdtempSync(join(tmpdir(), 'punchline-dist-'));
    cpSync('dist', distCopy, { recursive: true });
    server = await startServer({ distDir: distCopy });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.on('request', (request) => requestedHosts.add(new URL(request.url()).host));
    await context.addInitScript(() => {
      const storage = navigator.storage;
      const persist = storage.persist.bind(storage);
      (window as unknown as { persistCalls: number }).persistCalls = 0;
      storage.persist = () => {
        (window as unknown as { persistCalls: number }).persistCalls++;
        return persist();
      };
    });
    page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(distCopy, { recursive: true, force: true });
  });

  it('publishes a manifest with a maskable icon, standalone display and a theme colour', async () => {
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    const manifest = (await (await fetch(new URL(href!, server.url))).json()) as {
      display: string;
      theme_color: string;
      icons: { src: string; purpose?: string }[];
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#/);
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, server.url))).status).toBe(200);
  });

  it('asks the browser to keep its storage after the first write, not before', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    expect(await page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(0);
    await page.getByRole('button', { name: 'Sign up a new member' }).first().click();
    await page.getByLabel('Name').fill('Aino Virtanen');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(1);
  });

  it('shows diagnostics: version, storage, members and pending changes', async () => {
    await page.getByRole('button', { name: 'Diagnostics' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('Members on this tablet\n1');
    const text = await dialog.innerText();
    expect(text).toContain('App version\n0.1.0');
    expect(text).toMatch(/Changes waiting to sync\n2/);
    expect(text).toMatch(/Storage used\n.+ of /);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('offers a new version and applies it only when tapped, keeping the data', async () => {
    // A tablet that has used the app before is controlled by the installed service worker.
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const before = await dbCounts(page);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    appendFileSync(join(distCopy, 'sw.js'), '\n// a new release\n');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await page.getByText('A new version of Punchline is ready.').waitFor();

    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
    await page.waitForSelector('html[data-ready]');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
    expect(await dbCounts(page)).toEqual(before);
  });

  it('never asked any host but the shop server', () => {
    expect([...requestedHosts]).toEqual([new URL(server.url).host]);
  });
});
