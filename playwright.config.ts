import { defineConfig } from '@playwright/test';

/**
 * e2e against `next start` of the production build, in Debian's chromium.
 * Two servers: one wired to the sandbox dockerd (KSD_E2E_DOCKER_HOST, set by
 * scripts/test.mjs), one to a Docker socket that does not exist (the
 * "no Docker at all" experience).
 */
const dockerHost = process.env.KSD_E2E_DOCKER_HOST ?? 'unix:///tmp/ksd-sandbox/e2e/docker.sock';
// KSD_E2E_PORT lets several checkouts run e2e side by side (each uses PORT and PORT+1).
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100);
const NODOCKER_PORT = PORT + 1;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
  permissions: ['clipboard-read', 'clipboard-write'],
};

export default defineConfig({
  testDir: './e2e',
  // Seeds the e2e sandbox with fixture containers (idempotent).
  globalSetup: './e2e/global-setup.ts',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    { name: 'api', testMatch: 'api/**/*.spec.ts', use: { ...chromium, baseURL: `http://127.0.0.1:${PORT}` } },
    { name: 'ui', testMatch: 'ui/**/*.spec.ts', use: { ...chromium, baseURL: `http://127.0.0.1:${PORT}`, viewport: { width: 1280, height: 900 } } },
    { name: 'nodocker', testMatch: 'nodocker/**/*.spec.ts', use: { ...chromium, baseURL: `http://127.0.0.1:${NODOCKER_PORT}` } },
  ],
  webServer: [
    {
      command: 'node scripts/start.mjs --no-build',
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { PORT: String(PORT), HOSTNAME: '127.0.0.1', DOCKER_HOST: dockerHost },
    },
    {
      command: 'node scripts/start.mjs --no-build',
      url: `http://127.0.0.1:${NODOCKER_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { PORT: String(NODOCKER_PORT), HOSTNAME: '127.0.0.1', DOCKER_HOST: 'unix:///tmp/ksd-no-docker-here.sock' },
    },
  ],
});
