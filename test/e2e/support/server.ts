import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from '../../support/serverProcess';

export { freePort } from '../../support/serverProcess';

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the real server entry (what `npm start` runs after building) on a free port. */
export async function startServer(options: { distDir?: string } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'punchline-e2e-'));
  try {
    const server = await spawnServer({ dataDir, ...(options.distDir ? { distDir: options.distDir } : {}) });
    return {
      url: server.url,
      dataDir,
      async stop() {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
