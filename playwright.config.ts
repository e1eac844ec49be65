import fs from 'node:fs';
import { defineConfig } from '@playwright/test';
import { E2E_API_TOKEN, E2E_PASSWORD, STORAGE_STATE } from './e2e/support/credentials';
import {
  FLEET_SERVER_LOG,
  KASM_E2E_KEY,
  KASM_E2E_SECRET,
  KASM_E2E_WRONG_KEY,
  KASM_E2E_WRONG_SECRET,
  KASM_STANDIN_CA,
  KASM_STANDIN_DIR,
  KASM_STANDIN_PORT,
  KASM_STANDIN_URL,
  MAIN_SERVER_LOG,
} from './e2e/support/kasm';

/**
 * e2e against `next start` of the production build, in Debian's chromium.
 * Three servers: one wired to the sandbox dockerd (KSD_E2E_DOCKER_HOST, set by
 * scripts/test.mjs), one to a Docker socket that does not exist (the
 * "no Docker at all" experience), and one watching a fleet of hosts.
 */
const dockerHost = process.env.KSD_E2E_DOCKER_HOST ?? 'unix:///tmp/ksd-sandbox/e2e/docker.sock';
// KSD_E2E_PORT lets several checkouts run e2e side by side (each uses PORT and PORT+1).
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100);
const NODOCKER_PORT = PORT + 1;
// Both servers share one data dir (session key), since cookies ignore ports.
const DATA_DIR = `/tmp/ksd-e2e-data-${PORT}`;
const AUTH_ENV = { DASHBOARD_PASSWORD: E2E_PASSWORD, DASHBOARD_API_TOKEN: E2E_API_TOKEN, DASHBOARD_DATA_DIR: DATA_DIR };
// Every project is signed in by default: pages through the session saved by the
// `setup` project, requests with the API token. Security specs make their own
// contexts without credentials.
// A third server watches a fleet (DASHBOARD_HOSTS_FILE): the e2e sandbox, the
// first server as a `dashboard` host (a second running instance of the app),
// and a Docker endpoint that does not exist. (PORT+2 is the security spec's.)
const FLEET_PORT = PORT + 3;
const HOSTS_FILE = `/tmp/ksd-e2e-hosts-${PORT}.json`;
fs.writeFileSync(
  HOSTS_FILE,
  JSON.stringify({
    hosts: [
      { id: 'local', name: 'e2e-sandbox', docker: { host: dockerHost }, files: { root: '/' } },
      { id: 'remote', name: 'remote-agent', dashboard: { url: `http://127.0.0.1:${PORT}`, token: E2E_API_TOKEN, timeoutMs: 20_000 } },
      { id: 'dead', name: 'dead-agent', docker: { host: 'unix:///tmp/ksd-no-docker-here.sock', timeoutMs: 1500 } },
    ],
  }),
);
// Kasm audit (issue #16): a STAND-IN Kasm API (HTTPS, test CA) on PORT+9. The main server reads it with
// the right key, the fleet server with a wrong one, the no-Docker server has no KASM_URL (feature off).
// The "right" Workspace of the stand-in carries this host's kasm-user ids (sysbox subuid start + 1000).
const subuidStart = (() => {
  try {
    const line = fs.readFileSync('/etc/subuid', 'utf8').split('\n').find((l) => l.startsWith('sysbox:'));
    return line ? Number(line.split(':')[1]) : null;
  } catch {
    return null;
  }
})();
const kasmIds = subuidStart === null ? [] : ['--kasm-uid', String(subuidStart + 1000), '--kasm-gid', String(subuidStart + 1000)];
const KASM_ENV = { KASM_URL: KASM_STANDIN_URL, KASM_API_KEY: KASM_E2E_KEY, KASM_API_KEY_SECRET: KASM_E2E_SECRET, KASM_CA_FILE: KASM_STANDIN_CA };
const KASM_WRONG_ENV = { ...KASM_ENV, KASM_API_KEY: KASM_E2E_WRONG_KEY, KASM_API_KEY_SECRET: KASM_E2E_WRONG_SECRET };
// (tee truncates the logs when a server starts; this file is loaded again in every worker, so it must not delete them.)
const signedIn = { storageState: STORAGE_STATE, extraHTTPHeaders: { Authorization: `Bearer ${E2E_API_TOKEN}` } };

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
    { name: 'setup', testMatch: 'setup/**/*.setup.ts', use: { ...chromium, baseURL: `http://127.0.0.1:${PORT}` } },
    { name: 'api', testMatch: 'api/**/*.spec.ts', dependencies: ['setup'], use: { ...chromium, ...signedIn, baseURL: `http://127.0.0.1:${PORT}` } },
    {
      name: 'ui',
      testMatch: 'ui/**/*.spec.ts',
      dependencies: ['setup'],
      use: { ...chromium, ...signedIn, baseURL: `http://127.0.0.1:${PORT}`, viewport: { width: 1280, height: 900 } },
    },
    { name: 'nodocker', testMatch: 'nodocker/**/*.spec.ts', dependencies: ['setup'], use: { ...chromium, ...signedIn, baseURL: `http://127.0.0.1:${NODOCKER_PORT}` } },
    { name: 'fleet', testMatch: 'fleet/**/*.spec.ts', dependencies: ['setup'], use: { ...chromium, ...signedIn, baseURL: `http://127.0.0.1:${FLEET_PORT}`, viewport: { width: 1280, height: 900 } } },
    // A STAND-IN Sysbox installation in a private mount namespace with a dockerd and a server of its own on PORT+20
    // (scripts/standin-sysbox.mjs): the host is ready, the Overview shows "Ready since" (issue #18).
    { name: 'standin-sysbox', testMatch: 'standin-sysbox/**/*.spec.ts', dependencies: ['setup'], use: { ...chromium, ...signedIn, viewport: { width: 1280, height: 900 } } },
    // Its sign-in limit, restart and bind tests start servers of their own
    // (e2e/support/server.ts, ports PORT+4 to PORT+7), and the fuzz never sends a
    // well-formed wrong password, so nothing spends the budget of 127.0.0.1 here.
    {
      name: 'security',
      testMatch: 'security/**/*.spec.ts',
      dependencies: ['setup'],
      use: { ...chromium, baseURL: `http://127.0.0.1:${PORT}`, viewport: { width: 1280, height: 900 } },
    },
  ],
  webServer: [
    {
      command: ['node test/support/kasm-standin.mjs', '--port', String(KASM_STANDIN_PORT), '--dir', KASM_STANDIN_DIR, ...kasmIds].join(' '),
      port: KASM_STANDIN_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Its output also goes to a file, which the Kasm secret check reads (e2e/security/kasm-secret.spec.ts).
      command: `node scripts/start.mjs --no-build 2>&1 | tee ${MAIN_SERVER_LOG}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: { PORT: String(PORT), HOSTNAME: '127.0.0.1', DOCKER_HOST: dockerHost, ...AUTH_ENV, ...KASM_ENV },
    },
    {
      command: 'node scripts/start.mjs --no-build',
      url: `http://127.0.0.1:${NODOCKER_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // Each server records its own history: one writer per history folder (they share the data dir for the session key).
      env: { PORT: String(NODOCKER_PORT), HOSTNAME: '127.0.0.1', DOCKER_HOST: 'unix:///tmp/ksd-no-docker-here.sock', ...AUTH_ENV, DASHBOARD_HISTORY_DIR: `${DATA_DIR}/history-nodocker` },
    },
    {
      command: `node scripts/start.mjs --no-build 2>&1 | tee ${FLEET_SERVER_LOG}`,
      url: `http://127.0.0.1:${FLEET_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: { PORT: String(FLEET_PORT), HOSTNAME: '127.0.0.1', DASHBOARD_HOSTS_FILE: HOSTS_FILE, ...AUTH_ENV, ...KASM_WRONG_ENV, DASHBOARD_HISTORY_DIR: `${DATA_DIR}/history-fleet` },
    },
  ],
});
