import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandOptions } from './cli';

// PGlite is one process's database: an owner command must not open DATA_DIR while the server
// has it open. So the running server announces itself in DATA_DIR/server.json (readable by its
// user only) with a one-off admin token, and the command line hands commands to it over the
// loopback interface instead. With DATABASE_URL the command line simply connects to PostgreSQL.

const INFO_FILE = 'server.json';

export interface RunningServer {
  pid: number;
  port: number;
  adminToken: string;
}

/** Announces this server; returns the function that withdraws the announcement at shutdown. */
export function announceServer(dataDir: string, server: RunningServer): () => void {
  const path = join(dataDir, INFO_FILE);
  writeFileSync(path, JSON.stringify(server), { mode: 0o600 });
  return () => rmSync(path, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server running on this DATA_DIR, if any (a file left by a killed server is ignored). */
export function findRunningServer(dataDir: string): RunningServer | undefined {
  const path = join(dataDir, INFO_FILE);
  if (!existsSync(path)) return undefined;
  const info = JSON.parse(readFileSync(path, 'utf8')) as RunningServer;
  return isAlive(info.pid) ? info : undefined;
}

export interface CommandRequest extends CommandOptions {
  command: string;
  args: string[];
}

export interface CommandResult {
  exitCode: number;
  lines: string[];
}

export async function runOnRunningServer(server: RunningServer, request: CommandRequest): Promise<CommandResult> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/admin/command`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as CommandResult & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `The running server answered ${response.status}`);
  return body;
}
