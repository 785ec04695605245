import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { runCommand, UsageError } from './cli';
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
  const db = await openDatabase(config);

  const app = createApp({ distDir: config.distDir, version: config.version, db });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    console.log(`Punchline listening on http://localhost:${config.port}`);
    console.log(`  version ${config.version}, host ${config.host}, database ${db.kind}${config.databaseUrl ? '' : ` in ${config.dataDir}`}`);
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
    server.close((err) => {
      // PGlite must be closed cleanly, or its data directory needs recovery at the next start.
      void db.close().finally(() => {
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
  mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase(config);
  try {
    process.exitCode = await runCommand(db, command, args, (line) => console.log(line));
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`Punchline: ${err instanceof ConfigError || err instanceof UsageError ? err.message : err}`);
  process.exit(1);
});
