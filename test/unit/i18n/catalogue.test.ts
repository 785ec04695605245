import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from '../../../src/core/errors';
import { en } from '../../../src/i18n/en';
import { formatRelativeTime, t } from '../../../src/i18n';

const srcDir = fileURLToPath(new URL('../../../src', import.meta.url));
const partsDir = join(srcDir, 'i18n/parts');

/** Every .ts/.tsx file under src, by path relative to src. */
function sources(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const entry of sources(path)) files.set(...entry);
    else if (/\.tsx?$/.test(name)) files.set(relative(srcDir, path), readFileSync(path, 'utf8'));
  }
  return files;
}

const files = sources(srcDir);

// Imports the bundler keeps in the importing chunk: not `import type`, not `import()`.
const STATIC_IMPORT = /^\s*(?:import|export)\s*(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+(?:\s*,\s*\{[^}]*\})?)\s*from\s*'([^']+)'|^\s*import\s*'([^']+)'/gm;

function staticImports(file: string): string[] {
  return [...files.get(file)!.matchAll(STATIC_IMPORT)].flatMap((match) => {
    const specifier = match[1] ?? match[2]!;
    if (!specifier.startsWith('.')) return [];
    const base = resolve(srcDir, dirname(file), specifier);
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((path) => existsSync(path));
    return target ? [relative(srcDir, target)] : [];
  });
}

/** `file` and every module it imports statically: all of them have run before `file` runs. */
function staticClosure(file: string): Set<string> {
  const seen = new Set<string>();
  const pending = [file];
  while (pending.length) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...staticImports(next));
  }
  return seen;
}

const partFiles = readdirSync(partsDir).map((name) => `i18n/parts/${name}`);
// Each part module exports its catalogue (and registers it: importing them all registers them).
const parts = new Map(await Promise.all(partFiles.map(async (file) => [file, Object.values(await import(join(srcDir, file)))[0] as object] as const)));
const allKeys = [en, ...parts.values()].flatMap((catalogue) => Object.keys(catalogue));
const baseKeys = new Set(Object.keys(en));

/** The message keys a module names ('till.signUp'); catalogues themselves are not users. */
function keysUsedBy(file: string): string[] {
  if (file.startsWith('i18n/')) return [];
  const code = files.get(file)!;
  return allKeys.filter((key) => code.includes(`'${key}'`));
}

/** Domain errors a module throws by name: their messages are `error.<code>`. */
function errorKeysThrownBy(file: string): string[] {
  return [...files.get(file)!.matchAll(/DomainError\(\s*'([^']+)'/g)].map((match) => `error.${match[1]}`);
}

describe('message catalogue', () => {
  const code = [...files].filter(([file]) => !file.startsWith('i18n/')).map(([, text]) => text).join('\n');
  const initial = staticClosure('main.tsx');

  it('defines each message once, in the base catalogue or in one part', () => {
    expect(partFiles.length).toBeGreaterThan(0);
    expect(allKeys.filter((key, i) => allKeys.indexOf(key) !== i)).toEqual([]);
  });

  it('has a message for every domain error', () => {
    expect(DOMAIN_ERROR_CODES.filter((c) => !allKeys.includes(`error.${c}`))).toEqual([]);
  });

  it('uses every message, and only messages that exist', () => {
    const dynamic = new Set(DOMAIN_ERROR_CODES.map((c) => `error.${c}`));
    expect(allKeys.filter((key) => !dynamic.has(key) && !code.includes(`'${key}'`))).toEqual([]);
    const quoted = [...code.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(quoted.filter((key) => !allKeys.includes(key))).toEqual([]);
  });

  it('keeps the parts out of the initial bundle, and its messages in the base catalogue', () => {
    expect(initial.has('ui/App.tsx')).toBe(true);
    expect(initial.has('ui/owner/OwnerArea.tsx')).toBe(false);
    expect(partFiles.filter((file) => initial.has(file))).toEqual([]);
    // Its actions put any domain error they meet in the till's banner: those must be base too.
    const missing = [...initial].flatMap((file) =>
      [...keysUsedBy(file), ...errorKeysThrownBy(file)].filter((key) => !baseKeys.has(key)).map((key) => `${file}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  // Domain errors thrown only by lazy code (owner PIN, pairing) have their messages in the part
  // of the forms that show them; this test cannot follow an error to its form.
  it('registers a part before any module that names its messages runs: the module imports it', () => {
    const unregistered = [...files.keys()].flatMap((file) => {
      const closure = staticClosure(file);
      return keysUsedBy(file)
        .filter((key) => !baseKeys.has(key) && ![...parts].some(([part, catalogue]) => closure.has(part) && key in catalogue))
        .map((key) => `${file}: ${key}`);
    });
    expect(unregistered).toEqual([]);
  });

  it('interpolates parameters and picks plural forms', () => {
    expect(t('member.punch', { count: 1 })).toBe('Punch 1 stamp');
    expect(t('member.punch', { count: 3 })).toBe('Punch 3 stamps');
    expect(t('error.redeem.notEnough', { missing: 1 })).toBe('1 more stamp is needed for the reward.');
    expect(t('till.noMatch', { query: '<b>x</b>' })).toBe('No member matches “<b>x</b>”.');
    expect(t('camera.unnamed', { number: 2 })).toBe('Camera 2');
  });

  it('says how long ago a visit was', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatRelativeTime('2026-11-23T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-11-22T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2026-11-23T11:59:40Z', now)).toBe('this minute');
  });
});
