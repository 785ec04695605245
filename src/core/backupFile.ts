import { DomainError } from './errors';
import type { Iso } from './types';

// A Punchline backup file: the tablet's tables as dexie-export-import writes them, wrapped with
// a manifest (rows per table, SHA-256 over a canonical form of everything else). A file is
// checked whole before anything is written: truncated, edited, another app's or a newer
// version's files are refused. Pure apart from WebCrypto's digest.

export const BACKUP_FORMAT = 'punchline-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** What a backup holds: every table but `sync` (the backend link's token is a secret; progress and status belong to that link). */
export const BACKUP_TABLES = ['members', 'events', 'summaries', 'outbox', 'settings', 'device'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** dexie-export-import's JSON (formatName "dexie"), as far as the check needs it. */
export interface DexieExportJson {
  formatName: 'dexie';
  formatVersion: number;
  data: {
    databaseName: string;
    databaseVersion: number;
    tables: { name: string; schema: string; rowCount: number }[];
    data: { tableName: string; inbound: boolean; rows: unknown[] }[];
  };
}

export interface BackupManifest {
  /** Rows per table. */
  tables: Record<BackupTable, number>;
  /** Hex SHA-256 of `canonicalJson` of the file with `manifest.sha256` left out. */
  sha256: string;
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The Dexie schema version of the tablet that wrote it. */
  schemaVersion: number;
  createdAt: Iso;
  shopName: string;
  manifest: BackupManifest;
  dexie: DexieExportJson;
}

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function hashedPart(file: Omit<BackupFile, 'manifest'> & { manifest: { tables: BackupManifest['tables'] } }): string {
  return canonicalJson({ ...file, manifest: { tables: file.manifest.tables } });
}

/** Wraps a dexie export of BACKUP_TABLES into a backup file with its manifest. */
export async function makeBackupFile(
  dexie: DexieExportJson,
  meta: { schemaVersion: number; createdAt: Iso; shopName: string },
): Promise<BackupFile> {
  const tables = Object.fromEntries(BACKUP_TABLES.map((name) => [name, rowsOf(dexie, name)?.length ?? 0])) as BackupManifest['tables'];
  const unsigned = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, ...meta, manifest: { tables }, dexie } as const;
  return { ...unsigned, manifest: { tables, sha256: await sha256Hex(hashedPart(unsigned)) } };
}

function rowsOf(dexie: DexieExportJson, table: string): unknown[] | undefined {
  const entry = dexie.data.data.find((candidate) => candidate.tableName === table);
  return Array.isArray(entry?.rows) ? entry.rows : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads and checks a backup file's text; throws a DomainError (`backup.*`) for anything that is
 * not an intact Punchline backup this version can restore.
 */
export async function verifyBackupText(text: string, currentSchemaVersion: number): Promise<BackupFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DomainError('backup.unreadable');
  }
  if (!isObject(parsed) || parsed.format !== BACKUP_FORMAT) throw new DomainError('backup.notOurs');
  const file = parsed as unknown as BackupFile;
  if (typeof file.formatVersion !== 'number' || typeof file.schemaVersion !== 'number') throw new DomainError('backup.damaged');
  if (file.formatVersion > BACKUP_FORMAT_VERSION || file.schemaVersion > currentSchemaVersion) throw new DomainError('backup.newerVersion');
  const { manifest, dexie } = file;
  if (
    !isObject(manifest) ||
    !isObject(manifest.tables) ||
    typeof manifest.sha256 !== 'string' ||
    !isObject(dexie) ||
    dexie.formatName !== 'dexie' ||
    !isObject(dexie.data) ||
    !Array.isArray(dexie.data.data) ||
    !Array.isArray(dexie.data.tables)
  ) {
    throw new DomainError('backup.damaged');
  }
  const names = dexie.data.data.map((entry) => (isObject(entry) ? entry.tableName : undefined));
  if (names.length !== BACKUP_TABLES.length || !BACKUP_TABLES.every((name) => names.includes(name))) throw new DomainError('backup.damaged');
  for (const name of BACKUP_TABLES) {
    if (rowsOf(dexie, name)?.length !== manifest.tables[name]) throw new DomainError('backup.damaged');
  }
  if ((await sha256Hex(hashedPart(file))) !== manifest.sha256) throw new DomainError('backup.damaged');
  return file;
}

/** `<shop slug>-backup-YYYY-MM-DD.json` (the tablet's local date). */
export function backupFileName(shopName: string, now: number): string {
  const slug =
    shopName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'punchline';
  const date = new Date(now);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  return `${slug}-backup-${day}.json`;
}
