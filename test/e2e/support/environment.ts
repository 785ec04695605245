import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium. In CI its absence is a failure; elsewhere the tests
 * skip with a loud message saying what to install.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `${CHROMIUM_PATH} is missing: browser tests cannot run. Install it with: sudo apt-get update && sudo apt-get install -y chromium`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING BROWSER TESTS — ${message}\n${'!'.repeat(100)}\n`);
  return false;
}
