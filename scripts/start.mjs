#!/usr/bin/env node
// `npm start`: the one command that serves the dashboard on a fresh clone.
// 1. installs dependencies when node_modules is missing (npm ci);
// 2. validates the environment (lib/server/env.ts) and refuses to start on a bad value
//    (before building, so a typo is reported in a second, not after a build);
// 3. builds the production bundle when there is none, or when sources changed since;
// 4. serves the standalone build (next.config.mjs `output: 'standalone'`) on
//    HOSTNAME:PORT (default 127.0.0.1:3000) IN THIS PROCESS
//    (scripts/standalone-server.cjs): no `next start` child, no wrapper left
//    running beside the server, so `ps` shows one node process serving.
// Flags: --no-build (fail instead of building; used by tests and the bench).
// NEXT_TELEMETRY_DISABLED=1 for the build and the server.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildIsFresh } from './build-state.mjs';
import { bundleCheckEnv, prepareStandalone } from './standalone.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const noBuild = process.argv.includes('--no-build');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';


if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.error('[start] installing dependencies (npm ci)…');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

// The env check runs the app's own lib/server/env.ts (scripts/check-env.ts).
// Through tsx that costs over a second per start (measured by `npm run bench`),
// so it is bundled once with esbuild (tsx's own dependency) into a CommonJS
// file in node_modules/.cache and run with plain node. tsx stays the fallback:
// when bundling fails, and when the bundle crashes instead of answering.
// (It runs as a short-lived child that has exited before this process serves.)
const TSX_CHECK = ['--import', 'tsx', path.join(root, 'scripts/check-env.ts')];
const checkEnvBundle = path.join(root, 'node_modules/.cache/ksd/check-env.cjs');

function bundledCheckEnv() {
  try {
    return [bundleCheckEnv(root, checkEnvBundle)];
  } catch (err) {
    console.error(`[start] bundling the env check failed (${err instanceof Error ? err.message : err}); using tsx`);
    return null;
  }
}

/** Runs the env check; resolves { ok, stdout, stderr, crashed }. */
function runCheck(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  // check-env.ts exits 1 with "cannot start." for a bad value; anything else is a crash of the check itself.
  return { ok: r.status === 0, stdout, stderr, crashed: r.status !== 0 && !stderr.includes('cannot start.') };
}

let check = null;
const bundled = bundledCheckEnv();
if (bundled) {
  check = runCheck(bundled);
  if (check.crashed) {
    fs.rmSync(checkEnvBundle, { force: true });
    check = null;
  }
}
check ??= runCheck(TSX_CHECK);
if (!check.ok) {
  process.stderr.write(check.stderr);
  process.exit(1);
}
// What the check says on success (e.g. a generated password, printed once) goes to the console too.
process.stderr.write(check.stderr);
const bind = JSON.parse(check.stdout);

if (!buildIsFresh(root)) {
  if (noBuild) {
    console.error('[start] no up-to-date production build; run `npm run build` first');
    process.exit(1);
  }
  console.error('[start] building the dashboard (next build)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

const standaloneDir = prepareStandalone(root);
const { serveStandalone } = createRequire(import.meta.url)('./standalone-server.cjs');
await serveStandalone({ dir: standaloneDir, port: bind.PORT, hostname: bind.HOSTNAME });
