// The bench's own code, built by vite.bench.config.ts: the lookup bench page, the driver that
// is evaluated inside the real app's page, and the camera-decoder bench page.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

export const LOOKUP_PAGE_DIR = join(benchDir, '.build/page');
export const DECODER_PAGE_DIR = join(benchDir, '.build/decoders');

export async function buildBenchBundles(): Promise<void> {
  for (const mode of ['page', 'inject']) await build({ configFile: join(benchDir, 'vite.bench.config.ts'), mode, logLevel: 'warn' });
}

export async function buildDecoderPage(): Promise<void> {
  await build({ configFile: join(benchDir, 'vite.bench.config.ts'), mode: 'decoders', logLevel: 'warn' });
}

/** The IIFE that defines window.punchlineBench in the page it is evaluated in. */
export const injectedDriverSource = () => readFileSync(join(benchDir, '.build/inject/inject.iife.js'), 'utf8');
