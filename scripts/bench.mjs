#!/usr/bin/env node
// `npm run bench`: what the dashboard costs its Docker daemon and how fast it
// answers, measured side by side with the raw Docker Engine API in the same run
// on the sandbox daemon (1,000 containers, 50 running). Machines here are shared
// and noisy, so latency figures are ratios against raw Docker, medians over
// rounds. Prints a table and writes bench/results.json. See bench/README.md.
//
//   npm run bench [-- options]
//     --check                exit 1 when a budget is exceeded (3 when none is but a figure could not be measured)
//     --rounds N             latency rounds (default 5); --samples N per round (default 30)
//     --cold-runs N          fresh server starts for cold/startup figures (default 5)
//     --clients N            concurrent status pollers (default 50); --poll-seconds N (default 20)
//     --no-build             use the existing .next build (fail when missing or stale)
//     --stand-in             measure /api/v1/hosts/local (Docker /version) in place of the status and
//                            containers endpoints: checks the harness before those endpoints exist
//     --status-path P  --status-docker-path P  --containers-path P   override the targets
//     --write-readme         put the table into README.md between the bench:begin/bench:end markers
//     --clean                remove the bench containers and the bench sandbox, then exit
//
// The parts live in bench/lib/: options and budgets (config.mjs), latency and
// polling (latency.mjs), fleet (fleet.mjs), the table (report.mjs), the servers,
// fixtures, proxy, metrics, event latency and bundle sizes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIsFresh } from './build-state.mjs';
import { paths, startSandbox, stopSandbox } from '../tools/sandbox/sandbox-lib.mjs';
import { firstLoadJs } from '../bench/lib/bundle.mjs';
import { benchConfig } from '../bench/lib/config.mjs';
import { ensureFixtures, removeFixtures, RUNNING, stopRunningFixtures, TOTAL } from '../bench/lib/fixtures.mjs';
import { fleetFigure } from '../bench/lib/fleet.mjs';
import { agent, freePort, timedGet } from '../bench/lib/http.mjs';
import { latencyRounds, naiveListInspect, pollingFigure, summarizePair, unavailable } from '../bench/lib/latency.mjs';
import { metricsFigure } from '../bench/lib/metrics.mjs';
import { startCountingProxy } from '../bench/lib/proxy.mjs';
import { eventToPage } from '../bench/lib/event-latency.mjs';
import { report } from '../bench/lib/report.mjs';
import { AUTH_HEADERS, startBareNode, startDashboard, startNextAlone, stopAllStarted, treeRss } from '../bench/lib/server.mjs';
import { median, round } from '../bench/lib/stats.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cfg = benchConfig(process.argv.slice(2));
const flag = (name) => process.argv.slice(2).includes(name);

const log = (...a) => console.error('[bench]', ...a);

// Everything the bench starts is stopped again, last started first, also on Ctrl-C.
const cleanups = [];
async function runCleanups() {
  await stopAllStarted();
  while (cleanups.length) {
    const c = cleanups.pop();
    try {
      await c();
    } catch (err) {
      log(`cleanup: ${err instanceof Error ? err.message : err}`);
    }
  }
}
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping what the bench started…`);
    runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- setup ---

function ensureBuild() {
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    log('installing dependencies (npm ci)…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  if (buildIsFresh(root)) return;
  if (cfg.noBuild) throw new Error('no up-to-date production build and --no-build was given; run `npm run build`');
  log('building the production bundle (next build)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

// ------------------------------------------------------------------ main ---

async function main() {
  if (flag('--clean')) {
    const sb = await startSandbox('bench');
    const n = await removeFixtures(sb.socket);
    await stopSandbox('bench');
    log(`removed ${n} bench containers and the bench sandbox (${paths('bench').dir})`);
    return 0;
  }
  const startedAt = new Date();
  ensureBuild();
  const results = {
    at: startedAt.toISOString(),
    config: { ...cfg },
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    figures: [],
  };
  try {
    const sb = await startSandbox('bench');
    if (sb.started) {
      cleanups.push(async () => {
        await stopRunningFixtures(sb.socket);
        await stopSandbox('bench', { keep: true });
      });
    }
    const fx = await ensureFixtures(sb.socket, log);
    log(`fixtures: ${fx.total} containers (${fx.running} running); created ${fx.created}, started ${fx.started} in ${fx.seconds.toFixed(1)} s`);
    if (fx.total < TOTAL || fx.running < RUNNING) throw new Error(`expected ${TOTAL} bench containers with ${RUNNING} running, found ${fx.total}/${fx.running}`);
    results.fixtures = { ...fx, seconds: round(fx.seconds, 1) };

    const sockDir = sb.dir;
    const proxy = await startCountingProxy(path.join(sockDir, 'bench-dashboard.sock'), sb.socket);
    cleanups.push(() => proxy.close());
    // The raw baseline goes through an identical proxy hop, so both sides pay the same.
    const rawProxy = await startCountingProxy(path.join(sockDir, 'bench-raw.sock'), sb.socket);
    cleanups.push(() => rawProxy.close());
    const raw = { socketPath: rawProxy.socketPath };
    const rawAgent = agent(8);
    cleanups.push(() => rawAgent.destroy());
    const logFile = path.join(sockDir, 'bench-server.log');
    fs.rmSync(logFile, { force: true });

    // First-load JS, from the build.
    const bundles = firstLoadJs(root);
    results.firstLoadJs = bundles.map((b) => ({ route: b.route, gzipKb: round(b.gzipKb, 1), rawKb: round(b.rawKb, 1), chunks: b.chunks }));

    // Fresh servers: startup time (vs a bare node server) and the cold containers list (vs naive list+inspect).
    const startups = [];
    const bare = [];
    const nextAlone = [];
    const cold = [];
    const naive = [];
    let coldUnavailable = null;
    for (let i = 0; i < cfg.coldRuns; i++) {
      const port = await freePort();
      const b = await startBareNode({ port, logFile });
      bare.push(b.readyMs);
      await b.stop();
      const nport = await freePort();
      const n = await startNextAlone({ root, port: nport, dockerSocket: proxy.socketPath, logFile });
      nextAlone.push(n.readyMs);
      await n.stop();
      const dport = await freePort();
      proxy.reset();
      const dash = await startDashboard({ root, port: dport, dockerSocket: proxy.socketPath, logFile });
      try {
        startups.push(dash.readyMs);
        const first = await timedGet({ port: dport }, cfg.containersPath, { headers: AUTH_HEADERS, timeoutMs: 60_000 });
        if (first.status === 200) cold.push({ ms: first.ms, dockerCalls: proxy.counts() });
        else coldUnavailable = unavailable(first.status, first.error);
      } finally {
        await dash.stop();
      }
      if (!coldUnavailable) naive.push(await naiveListInspect(raw, rawAgent));
      log(`fresh server ${i + 1}/${cfg.coldRuns}: ready in ${dash.readyMs.toFixed(0)} ms (next start alone ${n.readyMs.toFixed(0)} ms, bare node ${b.readyMs.toFixed(0)} ms)${cold.length ? `, cold list ${cold[cold.length - 1].ms.toFixed(0)} ms vs naive ${naive[naive.length - 1].ms.toFixed(0)} ms` : ''}`);
    }
    results.startup = { ms: round(median(startups), 0), bareNodeMs: round(median(bare), 0), nextStartAloneMs: round(median(nextAlone), 0), samplesMs: startups.map((x) => round(x, 0)) };
    results.containersCold = coldUnavailable
      ? { unavailable: coldUnavailable }
      : {
          ms: round(median(cold.map((c) => c.ms)), 1),
          naiveMs: round(median(naive.map((n) => n.ms)), 1),
          ratio: round(median(cold.map((c, i) => c.ms / naive[i].ms)), 3),
          naiveInspects: naive[0]?.inspected,
          dockerCallsFirstRequest: cold[0]?.dockerCalls,
        };

    // One long-lived server for the warm figures, RSS and polling.
    const port = await freePort();
    proxy.reset();
    const dash = await startDashboard({ root, port, dockerSocket: proxy.socketPath, logFile });
    cleanups.push(() => dash.stop());
    const dashAgent = agent(8);
    cleanups.push(() => dashAgent.destroy());
    const target = { port };
    const rssSamples = [];

    const probe = async (p) => {
      const r = await timedGet(target, p, { agent: dashAgent, headers: AUTH_HEADERS });
      return r.status === 200 ? null : unavailable(r.status, r.error);
    };
    const statusUnavailable = await probe(cfg.statusPath);
    const containersUnavailable = await probe(cfg.containersPath);
    const warmup = async (p, t, a, h) => {
      for (let i = 0; i < 20; i++) await timedGet(t, p, { agent: a, headers: h });
    };
    await warmup(cfg.statusDockerPath, raw, rawAgent);
    await warmup('/containers/json?all=1', raw, rawAgent);
    if (!statusUnavailable) await warmup(cfg.statusPath, target, dashAgent, AUTH_HEADERS);
    if (!containersUnavailable) await warmup(cfg.containersPath, target, dashAgent, AUTH_HEADERS);

    const series = [
      { key: 'rawStatus', target: raw, path: cfg.statusDockerPath, agent: rawAgent },
      { key: 'rawList', target: raw, path: '/containers/json?all=1', agent: rawAgent },
      ...(statusUnavailable ? [] : [{ key: 'status', target, path: cfg.statusPath, agent: dashAgent, headers: AUTH_HEADERS }]),
      ...(containersUnavailable ? [] : [{ key: 'containers', target, path: cfg.containersPath, agent: dashAgent, headers: AUTH_HEADERS }]),
    ];
    log(`latency: ${cfg.rounds} rounds × ${cfg.samples} samples of ${series.map((s) => s.path).join(', ')}`);
    const rounds = await latencyRounds(series, cfg);
    rssSamples.push(treeRss(dash.pid).totalMb);
    const get = (key) => rounds[series.findIndex((s) => s.key === key)];
    results.status = statusUnavailable
      ? { unavailable: statusUnavailable, rawP50Ms: round(median(get('rawStatus').map((x) => x.p50))), rawP95Ms: round(median(get('rawStatus').map((x) => x.p95))) }
      : summarizePair(get('status'), get('rawStatus'));
    results.containersWarm = containersUnavailable
      ? { unavailable: containersUnavailable, rawP50Ms: round(median(get('rawList').map((x) => x.p50))), rawP95Ms: round(median(get('rawList').map((x) => x.p95))) }
      : summarizePair(get('containers'), get('rawList'));
    // Docker calls per warm request, each endpoint on its own (20 sequential requests).
    results.dockerCallsPerWarmRequest = {};
    for (const [name, p, na] of [['status', cfg.statusPath, statusUnavailable], ['containers', cfg.containersPath, containersUnavailable]]) {
      if (na) continue;
      proxy.reset();
      for (let i = 0; i < 20; i++) await timedGet(target, p, { agent: dashAgent, headers: AUTH_HEADERS });
      results.dockerCallsPerWarmRequest[name] = Object.fromEntries(Object.entries(proxy.counts()).map(([k, v]) => [k, round(v / 20, 2)]));
    }

    // GET /metrics: Docker calls of a warm scrape, scrape p50 beside raw /info (bench/lib/metrics.mjs).
    results.metrics = await metricsFigure({ target, agent: dashAgent, headers: AUTH_HEADERS, proxy, raw, rawAgent, pagePaths: [cfg.statusPath, cfg.containersPath], rounds: cfg.rounds, samples: cfg.samples, log });
    results.polling = statusUnavailable ? { unavailable: statusUnavailable } : await pollingFigure(port, proxy, cfg);
    log('event → page: 10 × start a container, wait for the open Containers page in Chromium to show it running');
    results.eventToPage = await eventToPage({ port, socket: sb.socket, events: 10, log });
    rssSamples.push(treeRss(dash.pid).totalMb);
    const rss = treeRss(dash.pid);
    const dockerdRss = treeRss(sb.pid);
    results.rss = {
      mb: round(Math.max(...rssSamples), 1),
      procs: rss.procs.map((p) => ({ ...p, rssMb: round(p.rssMb, 1) })),
      dockerdMb: round(dockerdRss.totalMb, 1),
    };
    results.fleet = await fleetFigure({ root, cfg, sockDir, dockerSocket: proxy.socketPath, logFile });
  } finally {
    await runCleanups();
  }
  return report(results, { root, cfg });
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`[bench] failed: ${err instanceof Error ? err.message : err}`);
  code = 2;
}
process.exit(code);
