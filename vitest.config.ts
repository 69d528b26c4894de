import { defineConfig } from 'vitest/config';
import { IN_CI, TEST_DATABASE_URL, chromiumPath } from './test/environment.js';

// The PostgreSQL and browser suites need a server and a browser that a bare
// machine may lack: say so in one line and run the rest, except in CI.
const missing: string[] = [];
if (TEST_DATABASE_URL === undefined) {
  missing.push(
    'PostgreSQL suite not run: set TEST_DATABASE_URL=postgres://… to run every data test on PostgreSQL too.',
  );
}
const chromium = chromiumPath();
if (chromium === undefined) {
  missing.push(
    'Browser suite not run: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH).',
  );
}
if (missing.length > 0 && IN_CI) {
  throw new Error(`CI=true and a test suite cannot run:\n${missing.join('\n')}`);
}
for (const line of missing) console.warn(line);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['src/web/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // A real server for the tests that talk to the real API (src/web/testing/harness.tsx realApi).
          globalSetup: ['test/web-api-server.ts'],
        },
      },
      ...(chromium === undefined
        ? []
        : [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.test.ts'],
                environment: 'node',
                testTimeout: 60_000,
                hookTimeout: 60_000,
                // One browser at a time: the machine has two cores.
                fileParallelism: false,
              },
            },
          ]),
    ],
  },
});
