// Starts and stops the production dashboard (`node scripts/start.mjs --no-build`,
// i.e. env validation then the standalone server in the same process) for the bench, measures the time from
// spawn to the first 200 on /api/health, and reads the RSS of its process tree.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { timedGet } from './http.mjs';

export const BENCH_TOKEN = 'bench-token-0123456789abcdef';
export const AUTH_HEADERS = { Authorization: `Bearer ${BENCH_TOKEN}` };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every process started here and not yet stopped, so an interrupted bench can stop them all (by pid). */
const live = new Set();
export async function stopAllStarted() {
  for (const stop of [...live]) await stop();
}

/** pid → parent pid for every process visible in /proc. */
function parentMap() {
  const map = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may contain spaces, so split after the last ")".
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      map.set(Number(d), Number(rest[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

/** `pid` and all its descendants. */
export function processTree(pid) {
  const parents = parentMap();
  const tree = [pid];
  for (let i = 0; i < tree.length && i < 1000; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

function vmRssKb(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function comm(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** RSS in MB of the whole tree under `pid`, and per process. */
export function treeRss(pid) {
  const procs = processTree(pid).map((p) => ({ pid: p, name: comm(p), rssMb: vmRssKb(p) / 1024 }));
  return { totalMb: procs.reduce((n, p) => n + p.rssMb, 0), procs };
}

/**
 * Spawns a command in its own process group and polls `http://127.0.0.1:port/api/health`
 * until the first 200 (bounded by `timeoutMs`). Returns { pid, readyMs, logFile, stop() }.
 */
export async function startProcess({ cmd, args, cwd, env, port, logFile, timeoutMs = 60_000, healthPath = '/api/health' }) {
  const out = fs.openSync(logFile, 'a');
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const stop = async () => {
    live.delete(stop);
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) await sleep(50);
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      const hard = Date.now() + 5_000;
      while (!exited && Date.now() < hard) await sleep(50);
    }
  };
  live.add(stop);
  let readyMs = null;
  while (performance.now() - t0 < timeoutMs) {
    if (exited) break;
    const r = await timedGet({ port }, healthPath, { timeoutMs: 2000 });
    if (r.status === 200) {
      readyMs = performance.now() - t0;
      break;
    }
    await sleep(5);
  }
  if (readyMs === null) {
    await stop();
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`${path.basename(args[0] ?? cmd)} did not answer 200 on ${healthPath} (port ${port}) within ${timeoutMs} ms${exited ? ` (it exited: ${JSON.stringify(exited)})` : ''}.\n${tail}`);
  }
  return { pid: child.pid, readyMs, logFile, stop };
}

/** The environment of a dashboard server under the bench: loopback, the bench's password and token. */
function serverEnv({ port, dockerSocket, extraEnv = {} }) {
  return {
    ...process.env,
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    DOCKER_HOST: `unix://${dockerSocket}`,
    DASHBOARD_PASSWORD: 'bench-password',
    DASHBOARD_API_TOKEN: BENCH_TOKEN,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extraEnv,
  };
}

/** The production dashboard on `port`, talking to Docker at `dockerSocket`. */
export function startDashboard({ root, port, dockerSocket, logFile, extraEnv = {} }) {
  return startProcess({
    cmd: process.execPath,
    args: [path.join(root, 'scripts/start.mjs'), '--no-build'],
    cwd: root,
    port,
    logFile,
    env: serverEnv({ port, dockerSocket, extraEnv }),
  });
}

/** A bare Node HTTP server answering 200 on /api/health: the machine's own spawn-to-first-200 floor. */
export function startBareNode({ port, logFile }) {
  const code = `require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json'});s.end('{"ok":true}')}).listen(${port},'127.0.0.1')`;
  return startProcess({ cmd: process.execPath, args: ['-e', code], cwd: '/', port, logFile, env: { PATH: process.env.PATH ?? '' } });
}

/** `next start` without scripts/start.mjs (no env check): how much of the startup is Next itself. */
export function startNextAlone({ root, port, dockerSocket, logFile }) {
  return startProcess({
    cmd: process.execPath,
    args: [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    cwd: root,
    port,
    logFile,
    env: serverEnv({ port, dockerSocket, extraEnv: { NODE_ENV: 'production' } }),
  });
}
