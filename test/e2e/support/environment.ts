import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium. In CI its absence is a failure; elsewhere the tests
 * skip with a loud message saying what to install.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  return skipLoudly('BROWSER TESTS', `${CHROMIUM_PATH} is missing: browser tests cannot run. Install it with: sudo apt-get update && sudo apt-get install -y chromium`);
}

/**
 * Command-line tools a test needs (command → the Debian package that has it), with the same
 * rule: missing in CI is a failure, elsewhere the tests skip loudly.
 */
export function toolsAvailable(tests: string, tools: Record<string, string>): boolean {
  const missing = Object.keys(tools).filter((command) => !onPath(command));
  if (missing.length === 0) return true;
  const packages = [...new Set(missing.map((command) => tools[command]))].join(' ');
  return skipLoudly(
    tests.toUpperCase(),
    `${missing.join(', ')} missing: ${tests} cannot run. Install with: sudo apt-get update && sudo apt-get install -y ${packages}`,
  );
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

function skipLoudly(what: string, message: string): false {
  if (process.env.CI) throw new Error(message);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING ${what} — ${message}\n${'!'.repeat(100)}\n`);
  return false;
}
