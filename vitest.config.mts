import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; tests import server modules directly.
      'server-only': path.join(root, 'test/support/empty.ts'),
    },
  },
  test: {
    // Code under test that records history (the inventory's event hook) writes here, never to the user's data dir.
    env: { DASHBOARD_HISTORY_DIR: path.join(os.tmpdir(), `ksd-vitest-history-${process.pid}`) },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // A real Prometheus scraping a production server (`next start`): runs after `build` in scripts/test.mjs.
        extends: true,
        test: {
          name: 'prometheus',
          include: ['test/prometheus/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        // `npm test -- --only image`: builds the container image (npm run image)
        // and runs it on its own sandbox dockerd. Minutes, not seconds.
        extends: true,
        test: {
          name: 'image',
          include: ['test/image/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 45 * 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
