import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests (Node + fake-indexeddb, in-process server) and
// end-to-end tests that drive the built app in Debian's Chromium through the real server process.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
