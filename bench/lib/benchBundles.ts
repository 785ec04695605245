// The bench's own code, built by vite.bench.config.ts: the lookup bench page, and the driver that
// is evaluated inside the real app's page.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

export const LOOKUP_PAGE_DIR = join(benchDir, '.build/page');

export async function buildBenchBundles(): Promise<void> {
  for (const mode of ['page', 'inject']) await build({ configFile: join(benchDir, 'vite.bench.config.ts'), mode, logLevel: 'warn' });
}

/** The IIFE that defines window.punchlineBench in the page it is evaluated in. */
export const injectedDriverSource = () => readFileSync(join(benchDir, '.build/inject/inject.iife.js'), 'utf8');
