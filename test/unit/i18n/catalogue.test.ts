import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from '../../../src/core/errors';
import { en } from '../../../src/i18n/en';
import { formatRelativeTime, t } from '../../../src/i18n';

const srcDir = fileURLToPath(new URL('../../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('message catalogue', () => {
  const code = sources(srcDir).join('\n');
  const keys = Object.keys(en);

  it('has a message for every domain error', () => {
    expect(DOMAIN_ERROR_CODES.filter((c) => !(`error.${c}` in en))).toEqual([]);
  });

  it('uses every message, and only messages that exist', () => {
    const dynamic = new Set(DOMAIN_ERROR_CODES.map((c) => `error.${c}`));
    expect(keys.filter((key) => !dynamic.has(key) && !code.includes(`'${key}'`))).toEqual([]);
    const quoted = [...code.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(quoted.filter((key) => !(key in en))).toEqual([]);
  });

  it('interpolates parameters and picks plural forms', () => {
    expect(t('member.punch', { count: 1 })).toBe('Punch 1 stamp');
    expect(t('member.punch', { count: 3 })).toBe('Punch 3 stamps');
    expect(t('error.redeem.notEnough', { missing: 1 })).toBe('1 more stamp is needed for the reward.');
    expect(t('till.noMatch', { query: '<b>x</b>' })).toBe('No member matches “<b>x</b>”.');
  });

  it('says how long ago a visit was', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatRelativeTime('2026-11-23T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-11-22T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2026-11-23T11:59:40Z', now)).toBe('this minute');
  });
});
