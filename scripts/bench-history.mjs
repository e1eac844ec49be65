#!/usr/bin/env node
// `npm run bench:history`: what recording history costs Docker, on the sandbox daemon.
// 1. The production server (through a counting proxy) watches the sandbox; a burst of
//    100 sessions that fail to start (the sandbox's STAND-IN sysbox-runc, runc under
//    that name, fails create on purpose: KSD_STANDIN_FAIL_CREATE) is fired at it in
//    parallel. Counted: every Docker call the server makes from the first failure
//    until all 100 are recorded. Budget: at most one inspect per failed container,
//    and no other call (the /events stream is already open).
// 2. The store's size after 10,000 records (bench/history-size.ts).
// Prints a JSON summary and writes bench/history-results.json. Needs a build (npm run build).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCountingProxy } from '../bench/lib/proxy.mjs';
import { AUTH_HEADERS, startDashboard, stopAllStarted } from '../bench/lib/server.mjs';
import { timedGet } from '../bench/lib/http.mjs';
import { KASM_IMAGE, STANDIN_FAIL_ENV, startSandbox, stopSandbox } from '../tools/sandbox/sandbox-lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const N = 100;
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100) + 50;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-bench-history-'));

const sb = await startSandbox('bench-history');
let proxy;
try {
  proxy = await startCountingProxy(path.join(tmp, 'proxy.sock'), sb.socket);
  const server = await startDashboard({
    root,
    port: PORT,
    dockerSocket: proxy.socketPath,
    logFile: path.join(tmp, 'server.log'),
    extraEnv: { DASHBOARD_DATA_DIR: path.join(tmp, 'data'), DASHBOARD_HISTORY_CHECK_SECONDS: '0' },
  });
  // The keeper opens the inventory's event stream right after start.
  const deadline = Date.now() + 30_000;
  while (!proxy.counts()['GET /events'] && Date.now() < deadline) await sleep(100);
  if (!proxy.counts()['GET /events']) throw new Error('the server did not open its /events stream');
  await sleep(1000);
  proxy.reset();

  const names = Array.from({ length: N }, (_, i) => `bench${String(i).padStart(3, '0')}_${(0x10000000 + i).toString(16)}`);
  const t0 = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      await new Promise((resolve) => {
        const p = spawn('docker', ['-H', sb.dockerHost, 'run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', '--label', `kasm.kasmid=${name}`, '-e', `${STANDIN_FAIL_ENV}=sysbox-mgr-down`, KASM_IMAGE], { stdio: 'ignore' });
        p.on('exit', resolve);
      });
    }
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  const burstMs = Date.now() - t0;
  let recorded = 0;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const r = await timedGet({ port: PORT }, `/api/v1/hosts/local/history?kind=failure&limit=1000`, { headers: AUTH_HEADERS, keepBody: true });
    recorded = r.status === 200 ? JSON.parse(r.body).items.length : 0;
    if (recorded >= N) break;
    await sleep(250);
  }
  const counts = proxy.counts();
  const inspects = counts['GET /containers/{id}/json'] ?? 0;
  const other = Object.fromEntries(Object.entries(counts).filter(([k]) => k !== 'GET /containers/{id}/json'));
  await server.stop();

  const size = JSON.parse(execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'bench/history-size.ts', '10000'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop());
  const result = {
    burst: { failures: N, burstMs, recorded, inspects, inspectsPerFailure: Number((inspects / N).toFixed(2)), otherDockerCalls: other, ok: recorded === N && inspects <= N && Object.keys(other).length === 0 },
    store10k: size,
  };
  fs.writeFileSync(path.join(root, 'bench/history-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  if (process.argv.includes('--check') && !result.burst.ok) process.exitCode = 1;
} finally {
  await stopAllStarted();
  await proxy?.close();
  execFileSync('docker', ['-H', sb.dockerHost, 'container', 'prune', '-f'], { stdio: 'ignore' });
  if (sb.started) await stopSandbox('bench-history');
  fs.rmSync(tmp, { recursive: true, force: true });
}
