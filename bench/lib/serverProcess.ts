// The real server entry (server/main.ts, through tsx) on a data directory the bench has already
// seeded: test/e2e/support/server.ts always starts on a fresh, empty DATA_DIR. It runs as
// `node --import tsx server/main.ts`, so the child process is the server itself (the tsx CLI would
// put a launcher in between) and its /proc/<pid>/status is the server's memory.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/e2e/support/server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `database` is PGlite in `dataDir` or, with `databaseUrl`, a PostgreSQL. */
export async function startServerProcess(database: { dataDir: string } | { databaseUrl: string; dataDir: string }, distDir: string): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DIST_DIR: distDir,
      DATA_DIR: database.dataDir,
      ...('databaseUrl' in database ? { DATABASE_URL: database.databaseUrl } : { DATABASE_URL: '' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const healthy = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM'); // the server closes PGlite cleanly
      await exited;
      // Anything the server logged as an error (a failed page) is worth seeing.
      for (const line of output.split('\n')) if (/error|failed/i.test(line)) console.log(`  server: ${line}`);
    },
  };
}
