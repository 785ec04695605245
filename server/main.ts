import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { announceServer, findRunningServer, runOnRunningServer } from './adminBridge';
import { createApp } from './app';
import { newDeviceToken } from './auth/secrets';
import { runCommand, UsageError } from './cli';
import { analyzeWhenStale } from './db/autoAnalyze';
import { openDatabase } from './db/openDatabase';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

class ConfigError extends Error {}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 8080;
  const text = raw.trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 1 to 65535, got "${raw}"`);
  }
  return port;
}

function readVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') {
    return pkg.version;
  }
  throw new ConfigError('package.json has no "version"');
}

/** Where the data lives: PGlite in DATA_DIR unless DATABASE_URL names a PostgreSQL. */
function loadDatabaseConfig() {
  return {
    dataDir: resolve(process.env.DATA_DIR?.trim() || './data'),
    databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
  };
}

/** Where tablets reach this server: PUBLIC_URL, else this machine's first LAN address. */
function publicUrl(port: number): string {
  const configured = process.env.PUBLIC_URL?.trim();
  if (configured) return configured;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  return `http://${lan?.address ?? 'localhost'}:${port}`;
}

function loadConfig() {
  const port = parsePort(process.env.PORT);
  const host = process.env.HOST?.trim() || '0.0.0.0';
  // DIST_DIR serves a build from elsewhere (tests use a copy to publish a "new version").
  const distDir = resolve(process.env.DIST_DIR?.trim() || join(repoRoot, 'dist'));
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new ConfigError('dist/ is missing — run `npm run build` (npm start does it for you)');
  }
  return { port, host, ...loadDatabaseConfig(), distDir, version: readVersion() };
}

async function serveApp(): Promise<void> {
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const embedded = !config.databaseUrl;
  const other = embedded ? findRunningServer(config.dataDir) : undefined;
  if (other) throw new ConfigError(`another Punchline server (pid ${other.pid}, port ${other.port}) is using ${config.dataDir}`);
  const db = await openDatabase(config);
  // PGlite has no autovacuum: without statistics, pulls far behind the head scan whole tables.
  const statistics = embedded ? analyzeWhenStale(db) : undefined;

  // With the embedded database, owner commands are run by this process (see adminBridge.ts).
  const adminToken = embedded ? newDeviceToken() : undefined;
  let withdraw = () => undefined as void;
  const app = createApp({ distDir: config.distDir, version: config.version, db, ...(adminToken ? { adminToken } : {}) });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    if (adminToken) withdraw = announceServer(config.dataDir, { pid: process.pid, port: config.port, adminToken });
    console.log(`Punchline listening on http://localhost:${config.port}`);
    console.log(`  version ${config.version}, host ${config.host}, database ${db.kind}${config.databaseUrl ? '' : ` in ${config.dataDir}`}`);
    console.log(`  tablets connect to ${publicUrl(config.port)} (set PUBLIC_URL if that is not how they reach it)`);
  });

  server.on('error', (err: NodeJS.ErrnoException) => {
    const why =
      err.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use (set PORT to another port)`
        : err.code === 'EACCES'
          ? `no permission to listen on ${config.host}:${config.port}`
          : err.message;
    console.error(`Punchline could not start: ${why}`);
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`${signal} again — exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal} received — closing the server`);
    // Stop accepting connections, let in-flight requests finish, then exit. Idle keep-alive
    // sockets would hold close() open, so drop those; give busy ones 10 s at most.
    withdraw();
    server.close((err) => {
      // PGlite must be closed cleanly, or its data directory needs recovery at the next start.
      void Promise.resolve(statistics?.stop())
        .then(() => db.close())
        .finally(() => {
          if (err) console.error('Error while closing the server:', err);
          process.exit(err ? 1 : 0);
        });
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => {
      console.error('Connections still open after 10 s — exiting anyway');
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === undefined || command === 'serve') return serveApp();
  const config = loadDatabaseConfig();
  const print = (line: string) => console.log(line);
  const running = config.databaseUrl ? undefined : findRunningServer(config.dataDir);
  if (running) {
    const result = await runOnRunningServer(running, { command, args, publicUrl: publicUrl(running.port) });
    result.lines.forEach(print);
    process.exitCode = result.exitCode;
    return;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase(config);
  try {
    process.exitCode = await runCommand(db, command, args, print, { publicUrl: publicUrl(parsePort(process.env.PORT)) });
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`Punchline: ${err instanceof ConfigError || err instanceof UsageError ? err.message : err}`);
  process.exit(1);
});
