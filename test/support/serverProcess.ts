import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

// The real server entry (server/main.ts) as a child process, for tests that need real sockets,
// several processes, or a kill -9. It runs as `node --import tsx server/main.ts` so that the child
// IS the server: the tsx CLI would put a wrapper process in between, and a SIGKILL sent to the
// wrapper would leave the real server running as an orphan.

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Where the server keeps its data: PGlite in `dataDir`, or the PostgreSQL at `databaseUrl`. */
export interface ServerStorage {
  dataDir?: string;
  databaseUrl?: string;
}

export interface ServerProcessOptions extends ServerStorage {
  /** A fixed port, to restart a server where its tablets expect it; a free one by default. */
  port?: number;
  /** The dist/ to serve (DIST_DIR); the repository's build by default. */
  distDir?: string;
  startTimeoutMs?: number;
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, the clean shutdown: resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown handler runs, nothing is flushed or closed. */
  kill(): Promise<void>;
}

function serverEnv(options: ServerProcessOptions & { port?: number }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1' };
  // Only what this test asks for: never a DATABASE_URL or DATA_DIR inherited from the shell.
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (options.port !== undefined) env.PORT = String(options.port);
  if (options.dataDir !== undefined) env.DATA_DIR = options.dataDir;
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  if (options.distDir !== undefined) env.DIST_DIR = options.distDir;
  return env;
}

function spawnMain(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output(): string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts `server/main.ts` and waits until /api/v1/health answers. */
export async function spawnServer(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const { child, output } = spawnMain([], serverEnv({ ...options, port }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    port,
    pid: child.pid!,
    output,
    async stop() {
      const done = exited(child);
      child.kill('SIGTERM');
      return done;
    },
    async kill() {
      const done = exited(child);
      child.kill('SIGKILL');
      await done;
    },
  };
}

/** Runs one owner command (`server/main.ts <command> …`) on the given storage; resolves with its output. */
export async function runServerCommand(args: string[], storage: ServerStorage): Promise<string> {
  const { child, output } = spawnMain(args, serverEnv(storage));
  const code = await exited(child);
  if (code !== 0) throw new Error(`server/main.ts ${args.join(' ')} exited with ${code}:\n${output()}`);
  return output();
}
