#!/usr/bin/env node
// `npm test`: every test, set up from scratch on a fresh machine (as root).
// typecheck, lint, unit, integration (real sandbox dockerd), next build, e2e
// (Playwright in Debian's chromium against `next start`), prometheus (a real
// Prometheus scraping `next start`, needs the build). Ends with one line
// "N passed, N failed" summing all suites; exits non-zero on any failure; stops
// every process it started (by pid).
//   --only unit,integration,e2e,...   run a subset (typecheck, lint, unit, integration, image, build, prometheus, e2e)
// `image` builds the container image (npm run image) and runs it on its own sandbox dockerd.
//   -- ARGS...                        passed on to vitest and playwright (e.g. one spec file or --grep)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePackages, isRoot, startSandbox, stopSandbox } from '../tools/sandbox/sandbox-lib.mjs';
import { auditLog, startRecordingProxy } from './docker-recording-proxy.mjs';
import { prepareStandalone } from './standalone.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'test-results', 'summary');
fs.mkdirSync(outDir, { recursive: true });
const onlyArg = process.argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : process.argv[process.argv.indexOf(onlyArg) + 1]).split(',') : null;
const want = (s) => !only || only.includes(s);
// Everything after a bare `--` goes to the test runners (one spec, a --grep, ...).
const dashdash = process.argv.indexOf('--');
const passThrough = dashdash === -1 ? [] : process.argv.slice(dashdash + 1);
const results = [];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function record(suite, passed, failed, note = '') {
  results.push({ suite, passed, failed, note });
  console.log(`\n== ${suite}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''}\n`);
}

async function single(suite, cmd, args, env) {
  const t = Date.now();
  console.log(`\n== ${suite}: ${[path.basename(cmd), ...args].join(' ')}`);
  const code = await run(cmd, args, env);
  record(suite, code === 0 ? 1 : 0, code === 0 ? 0 : 1, `${((Date.now() - t) / 1000).toFixed(1)} s`);
  return code === 0;
}

async function vitest(project) {
  const out = path.join(outDir, `${project}.json`);
  fs.rmSync(out, { force: true });
  const t = Date.now();
  console.log(`\n== ${project}: vitest run --project ${project}`);
  const code = await run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...passThrough], {
    VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
  });
  let passed = 0;
  let failed = 0;
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    if (r.numTotalTests === 0) failed += 1;
  } catch {
    failed = 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  record(project, passed, failed, `${((Date.now() - t) / 1000).toFixed(1)} s`);
}

async function playwright(env) {
  const out = path.join(outDir, 'e2e.json');
  fs.rmSync(out, { force: true });
  const t = Date.now();
  console.log('\n== e2e: playwright test');
  const code = await run(bin('playwright'), ['test', '--reporter=list,json', ...passThrough], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: out });
  let passed = 0;
  let failed = 0;
  try {
    const s = JSON.parse(fs.readFileSync(out, 'utf8')).stats;
    passed = s.expected + (s.flaky ?? 0);
    failed = s.unexpected;
    if (passed + failed === 0) failed = 1;
  } catch {
    failed = 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  record('e2e', passed, failed, `${((Date.now() - t) / 1000).toFixed(1)} s`);
}

let sandboxStarted = false;
const started = Date.now();
try {
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    console.log('== installing dependencies (npm ci)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  }
  if ((want('integration') || want('e2e')) && !isRoot()) {
    console.error('The integration and e2e suites start a real dockerd and need root. Run `npm test` as root.');
  }
  if (want('e2e')) ensurePackages([{ pkg: 'chromium', bin: '/usr/bin/chromium' }]);
  // test/integration/deploy-files.test.ts: the systemd unit and compose.yaml, with the real tools.
  if (want('integration')) {
    ensurePackages([
      { pkg: 'systemd', bin: '/usr/bin/systemd-analyze' },
      { pkg: 'docker-compose', bin: '/usr/bin/docker-compose' },
    ]);
  }
  if (want('image')) ensurePackages([{ pkg: 'debootstrap', bin: '/usr/sbin/debootstrap' }]);
  // promtool (rules, metrics lint) and a real Prometheus server (README "Monitoring").
  if (want('integration') || want('prometheus')) ensurePackages([{ pkg: 'prometheus', bin: '/usr/bin/prometheus' }]);

  if (want('typecheck')) await single('typecheck', bin('tsc'), ['--noEmit']);
  if (want('lint')) await single('lint', bin('eslint'), ['.', '--max-warnings=0']);
  if (want('unit')) await vitest('unit');
  if (want('integration')) await vitest('integration');
  if (want('image')) await vitest('image');
  let built = true;
  if (want('build')) {
    built = await single('build', process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { NEXT_TELEMETRY_DISABLED: '1' });
    // The e2e servers serve .next/standalone in one process (scripts/start.mjs).
    if (built) prepareStandalone(root);
  }
  // After the build: it scrapes a production server (and builds first itself when run alone on a stale build).
  if (want('prometheus')) {
    if (!built) record('prometheus', 0, 1, 'skipped: the build failed');
    else await vitest('prometheus');
  }
  if (want('e2e')) {
    if (!built) {
      record('e2e', 0, 1, 'skipped: the build failed');
    } else {
      const sb = await startSandbox('e2e');
      sandboxStarted = sb.started;
      // The e2e servers reach the sandbox only through a recording proxy; every
      // request it saw must be an allow-listed GET (README "Security").
      // Not under test-results/: Playwright empties that folder when it starts.
      const logFile = path.join(sb.dir, 'docker-requests.jsonl');
      fs.rmSync(logFile, { force: true });
      const recorder = await startRecordingProxy({
        upstreamSocket: sb.dockerHost.replace(/^unix:\/\//, ''),
        listenSocket: path.join(sb.dir, 'recording-proxy.sock'),
        logFile,
      });
      try {
        await playwright({
          KSD_E2E_DOCKER_HOST: recorder.dockerHost,
          KSD_E2E_DOCKER_LOG: logFile,
          KSD_E2E_SANDBOX: JSON.stringify(sb),
        });
      } finally {
        await recorder.close();
      }
      const audit = auditLog(logFile);
      fs.mkdirSync(outDir, { recursive: true });
      if (fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(outDir, 'docker-requests.jsonl'));
      const bad = audit.violations.map((v) => `${v.method} ${v.path}`);
      if (bad.length > 0) console.error(`Docker requests outside the read-only allow-list:\n  ${bad.slice(0, 20).join('\n  ')}`);
      if (audit.total === 0) console.error('The recording proxy saw no Docker traffic: the e2e server bypassed it.');
      record('docker-audit', bad.length === 0 && audit.total > 0 ? 1 : 0, bad.length === 0 && audit.total > 0 ? 0 : 1, `${audit.total} Docker requests, ${bad.length} outside the allow-list`);
    }
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  record('harness', 0, 1, 'the test harness itself failed');
} finally {
  if (sandboxStarted) await stopSandbox('e2e');
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSuite summary:');
for (const r of results) console.log(`  ${r.suite.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.note}`);
console.log(`  total time ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
