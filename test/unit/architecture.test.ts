import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The import direction of ARCHITECTURE.md, enforced: ui → state → (sync, db, scan) → core.
// core imports nothing of ours, i18n only core (money formatting); server imports src/core only.

const root = fileURLToPath(new URL('../..', import.meta.url));

const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  i18n: ['i18n', 'core'],
  db: ['db', 'core'],
  scan: ['scan', 'core'],
  sync: ['sync', 'db', 'core'],
  state: ['state', 'sync', 'db', 'scan', 'core', 'i18n'],
  pwa: ['pwa', 'state', 'i18n'],
  ui: ['ui', 'state', 'sync', 'db', 'scan', 'core', 'i18n', 'pwa'],
  main: ['ui', 'state', 'sync', 'db', 'scan', 'core', 'i18n', 'pwa'],
  server: ['server', 'core'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** "core", "ui", … for src/<layer>/…; "main" for files directly in src; "server" for server/. */
function layerOf(path: string): string | undefined {
  const parts = relative(root, path).split(sep);
  if (parts[0] === 'server') return 'server';
  if (parts[0] !== 'src') return undefined;
  // "../i18n" resolves to the folder itself (its index.ts).
  const isFolderImport = parts.length === 2 && existsSync(path) && statSync(path).isDirectory();
  return parts.length === 2 && !isFolderImport ? 'main' : parts[1];
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function ourImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? match[3]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier));
}

describe('architecture', () => {
  const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'server'))];

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('keeps imports flowing one way between layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file)!;
      for (const target of ourImports(file)) {
        const to = layerOf(target) ?? (target.endsWith('.css') ? from : 'outside');
        if (!ALLOWED[from]?.includes(to)) violations.push(`${relative(root, file)} (${from}) imports ${relative(root, target)} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps src/core free of the DOM, storage and UI libraries', () => {
    const impure = /from ['"](dexie|preact|zustand|workbox-window|html5-qrcode|jsbarcode)|\b(window|document|indexedDB|localStorage|navigator)\./;
    const offenders = files.filter((file) => layerOf(file) === 'core' && impure.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('leaves the network to src/sync: no other app code calls fetch', () => {
    const callers = files.filter((file) => file.includes(`${sep}src${sep}`) && layerOf(file) !== 'sync' && /\bfetch\(/.test(readFileSync(file, 'utf8')));
    expect(callers.map((file) => relative(root, file))).toEqual([]);
  });
});
