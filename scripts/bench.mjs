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
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIsFresh } from './build-state.mjs';
import { paths, startSandbox, stopSandbox } from '../tools/sandbox/sandbox-lib.mjs';
import { firstLoadJs } from '../bench/lib/bundle.mjs';
import { ensureFixtures, removeFixtures, RUNNING, stopRunningFixtures, TOTAL } from '../bench/lib/fixtures.mjs';
import { agent, timedGet } from '../bench/lib/http.mjs';
import { metricsFigure, metricsRows } from '../bench/lib/metrics.mjs';
import { startCountingProxy } from '../bench/lib/proxy.mjs';
import { eventToPage } from '../bench/lib/event-latency.mjs';
import { AUTH_HEADERS, startBareNode, startDashboard, startNextAlone, stopAllStarted, treeRss } from '../bench/lib/server.mjs';
import { maxInWindow, median, percentile, round } from '../bench/lib/stats.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
function opt(name, fallback) {
  const i = argv.indexOf(name);
  if (i === -1) return fallback;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}
function intOpt(name, fallback, min, max) {
  const v = Number(opt(name, String(fallback)));
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return v;
}

const standIn = flag('--stand-in');
const cfg = {
  check: flag('--check'),
  noBuild: flag('--no-build'),
  rounds: intOpt('--rounds', 5, 1, 50),
  samples: intOpt('--samples', 30, 5, 1000),
  coldRuns: intOpt('--cold-runs', 5, 1, 20),
  clients: intOpt('--clients', 50, 1, 500),
  pollSeconds: intOpt('--poll-seconds', 20, 2, 300),
  pollIntervalMs: 250,
  statusPath: opt('--status-path', standIn ? '/api/v1/hosts/local' : '/api/v1/hosts/local/status'),
  statusDockerPath: opt('--status-docker-path', standIn ? '/version' : '/info'),
  containersPath: opt('--containers-path', standIn ? '/api/v1/hosts/local' : '/api/v1/hosts/local/containers?pageSize=100'),
  standIn,
  writeReadme: flag('--write-readme'),
};
const BUDGET = {
  statusP50Ratio: 1.5,
  /** status p95 against raw /info p50 (issue #14: the refresh must not run on a request's path). */
  statusP95Ratio: 1.0,
  containersWarmP50Ratio: 0.3,
  /** Docker calls caused by one warm containers request (the events-coherent inventory answers from memory). */
  containersWarmDockerCalls: 0,
  containersColdRatio: 0.5,
  statusDockerCallsPer2s: 1,
  rssMb: 250,
  firstLoadJsKb: 150,
  /** docker start → the open Containers page shows it running (p50 over 10 events). */
  eventToPageMs: 1000,
  startupMs: 1500,
  fleetRatio: 1.3,
};

const log = (...a) => console.error('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const benchDir = path.join(root, 'bench');
const resultsFile = path.join(benchDir, 'results.json');

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

/** A free TCP port on 127.0.0.1 (the OS picks it), so parallel benches and tests never collide. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------- measuring ---

/** Naive "list then inspect each", sequential, on the raw socket: what a dashboard without a cache would do. */
async function naiveListInspect(rawTarget, a) {
  const t0 = performance.now();
  const list = await timedGet(rawTarget, '/containers/json?all=1', { agent: a, keepBody: true });
  if (list.status !== 200 || !list.body) throw new Error(`raw list failed: ${list.status}`);
  const ids = JSON.parse(list.body).map((c) => c.Id);
  const deadline = t0 + 120_000;
  for (const id of ids) {
    const r = await timedGet(rawTarget, `/containers/${id}/json`, { agent: a });
    if (r.status !== 200) throw new Error(`raw inspect ${id} failed: ${r.status}`);
    if (performance.now() > deadline) throw new Error('naive list+inspect took over 120 s');
  }
  return { ms: performance.now() - t0, inspected: ids.length };
}

/** Describes a non-200 answer for the table: 404 = endpoint not there (yet). */
function unavailable(status, error) {
  if (status === 404) return 'not available (404)';
  if (status === 0) return `no answer (${error ?? 'connection failed'})`;
  return `error (HTTP ${status})`;
}

/**
 * Latency rounds: per sample, one request to each series in turn (so noise hits
 * all of them alike). Returns per series { p50, p95 } medians over rounds and
 * the per-round ratios' medians.
 */
async function latencyRounds(series, { rounds, samples }) {
  const perRound = series.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const times = series.map(() => []);
    for (let s = 0; s < samples; s++) {
      for (let i = 0; i < series.length; i++) {
        const res = await timedGet(series[i].target, series[i].path, { agent: series[i].agent, headers: series[i].headers });
        if (res.status !== 200) throw Object.assign(new Error(`${series[i].path}: HTTP ${res.status}`), { status: res.status });
        times[i].push(res.ms);
      }
    }
    times.forEach((t, i) => perRound[i].push({ p50: percentile(t, 50), p95: percentile(t, 95) }));
  }
  return perRound;
}

function summarizePair(dash, raw) {
  return {
    p50Ms: round(median(dash.map((x) => x.p50))),
    p95Ms: round(median(dash.map((x) => x.p95))),
    rawP50Ms: round(median(raw.map((x) => x.p50))),
    rawP95Ms: round(median(raw.map((x) => x.p95))),
    p50Ratio: round(median(dash.map((x, i) => x.p50 / raw[i].p50))),
    p95Ratio: round(median(dash.map((x, i) => x.p95 / raw[i].p95))),
    p95VsRawP50Ratio: round(median(dash.map((x, i) => x.p95 / raw[i].p50))),
    rounds: dash.length,
  };
}

async function pollStatus({ port, clients, seconds, intervalMs, statusPath }) {
  const end = performance.now() + seconds * 1000;
  const a = agent(clients + 4);
  const statuses = {};
  const times = [];
  const client = async (n) => {
    await sleep((n * intervalMs) / clients); // spread the clients over one interval
    let requests = 0;
    while (performance.now() < end && requests < 100_000) {
      const started = performance.now();
      const r = await timedGet({ port }, statusPath, { agent: a, headers: AUTH_HEADERS, timeoutMs: 10_000 });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      times.push(r.ms);
      requests++;
      const wait = intervalMs - (performance.now() - started);
      if (wait > 0) await sleep(Math.min(wait, end - performance.now()));
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  a.destroy();
  return { requests: times.length, statuses, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
}

/** 50 clients polling status: how many Docker calls does that cost, and in any 2 s window? */
async function pollingFigure(port, proxy) {
  log(`polling: ${cfg.clients} clients × ${cfg.pollSeconds} s on ${cfg.statusPath} (every ${cfg.pollIntervalMs} ms each)`);
  proxy.reset();
  const poll = await pollStatus({ port, clients: cfg.clients, seconds: cfg.pollSeconds, intervalMs: cfg.pollIntervalMs, statusPath: cfg.statusPath });
  const stamps = proxy.calls(`GET ${cfg.statusDockerPath}`);
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
  return {
    ...poll,
    dockerPath: cfg.statusDockerPath,
    dockerCalls: proxy.counts(),
    statusDockerCalls: stamps.length,
    maxPer2s: maxInWindow(stamps, 2000),
    minGapMs: gaps.length ? round(Math.min(...gaps), 0) : null,
    naiveCalls: poll.statuses[200] ?? 0,
    unavailable: poll.statuses[200] ? null : unavailable(Number(Object.keys(poll.statuses)[0] ?? 0)),
  };
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
    results.polling = statusUnavailable ? { unavailable: statusUnavailable } : await pollingFigure(port, proxy);
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
    results.fleet = await fleetFigure({ sockDir, dockerSocket: proxy.socketPath, logFile });
  } finally {
    await runCleanups();
  }
  return report(results);
}

/**
 * Fleet: a server watching three hosts (three host ids on the bench daemon).
 * GET /api/v1/hosts (all three, in parallel) vs the slowest single host's
 * GET /api/v1/hosts/{id}/status, medians of rounds in the same run.
 */
async function fleetFigure({ sockDir, dockerSocket, logFile }) {
  const hostsFile = path.join(sockDir, 'bench-hosts.json');
  const ids = ['fleet-a', 'fleet-b', 'fleet-c'];
  fs.writeFileSync(hostsFile, JSON.stringify({ hosts: ids.map((id) => ({ id, name: id, docker: { host: `unix://${dockerSocket}` }, files: { root: '/' } })) }));
  const port = await freePort();
  const dash = await startDashboard({ root, port, dockerSocket, logFile, extraEnv: { DASHBOARD_HOSTS_FILE: hostsFile } });
  const a = agent(8);
  try {
    const target = { port };
    const first = await timedGet(target, '/api/v1/hosts', { agent: a, headers: AUTH_HEADERS, timeoutMs: 60_000 });
    if (first.status !== 200) return { unavailable: unavailable(first.status, first.error) };
    for (let i = 0; i < 10; i++) await timedGet(target, '/api/v1/hosts', { agent: a, headers: AUTH_HEADERS });
    const series = [
      { key: 'fleet', target, path: '/api/v1/hosts', agent: a, headers: AUTH_HEADERS },
      ...ids.map((id) => ({ key: id, target, path: `/api/v1/hosts/${id}/status`, agent: a, headers: AUTH_HEADERS })),
    ];
    const rounds = await latencyRounds(series, { rounds: cfg.rounds, samples: Math.max(5, Math.round(cfg.samples / 2)) });
    const p50 = (i) => median(rounds[i].map((x) => x.p50));
    const fleetMs = p50(0);
    const singles = ids.map((_, i) => p50(i + 1));
    const slowest = Math.max(...singles);
    return { ms: round(fleetMs, 1), slowestSingleMs: round(slowest, 1), singlesMs: singles.map((v) => round(v, 1)), ratio: round(fleetMs / slowest, 3) };
  } finally {
    a.destroy();
    await dash.stop();
  }
}

// ---------------------------------------------------------------- report ---

const ms = (v) => (v === null || v === undefined ? '–' : `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`);

function judge(value, budget) {
  if (value === null || value === undefined) return 'n/a';
  return value <= budget ? 'ok' : 'over';
}

function rows(r) {
  const out = [];
  const add = (figure, value, raw, ratio, budget, result) => out.push({ figure, value, raw, ratio, budget, result });
  const s = r.status;
  if (s.unavailable) add(`status ${cfg.statusPath}`, s.unavailable, `GET ${cfg.statusDockerPath} p50 ${ms(s.rawP50Ms)} / p95 ${ms(s.rawP95Ms)}`, '–', `p50 ratio ≤ ${BUDGET.statusP50Ratio}`, 'n/a');
  else {
    add('status p50', ms(s.p50Ms), `GET ${cfg.statusDockerPath} ${ms(s.rawP50Ms)}`, `${s.p50Ratio}×`, `≤ ${BUDGET.statusP50Ratio}×`, judge(s.p50Ratio, BUDGET.statusP50Ratio));
    add('status p95 (vs raw p50)', ms(s.p95Ms), `GET ${cfg.statusDockerPath} p50 ${ms(s.rawP50Ms)}`, `${s.p95VsRawP50Ratio}×`, `≤ ${BUDGET.statusP95Ratio}×`, judge(s.p95VsRawP50Ratio, BUDGET.statusP95Ratio));
  }
  const w = r.containersWarm;
  if (w.unavailable) add(`containers ${cfg.containersPath}`, w.unavailable, `GET /containers/json?all=1 p50 ${ms(w.rawP50Ms)}`, '–', `warm p50 ratio ≤ ${BUDGET.containersWarmP50Ratio}`, 'n/a');
  else {
    add('containers warm p50', ms(w.p50Ms), `GET /containers/json?all=1 ${ms(w.rawP50Ms)}`, `${w.p50Ratio}×`, `≤ ${BUDGET.containersWarmP50Ratio}×`, judge(w.p50Ratio, BUDGET.containersWarmP50Ratio));
    add('containers warm p95', ms(w.p95Ms), `GET /containers/json?all=1 ${ms(w.rawP95Ms)}`, `${w.p95Ratio}×`, '–', 'info');
    const calls = r.dockerCallsPerWarmRequest?.containers;
    const total = calls ? round(Object.values(calls).reduce((n, v) => n + v, 0), 2) : null;
    const what = calls && total ? ` (${Object.entries(calls).map(([k, v]) => `${v} ${k.replace(/^GET /, '')}`).join(', ')})` : '';
    add('Docker calls per warm containers request', total === null ? 'not measured' : `${total}${what}`, 'naive: 1 list (+ inspects)', '–', `≤ ${BUDGET.containersWarmDockerCalls}`, judge(total, BUDGET.containersWarmDockerCalls));
  }
  const c = r.containersCold;
  if (c.unavailable) add('containers cold (fresh server)', c.unavailable, 'naive list + inspect each', '–', `ratio ≤ ${BUDGET.containersColdRatio}`, 'n/a');
  else add('containers cold (fresh server)', ms(c.ms), `naive list + ${c.naiveInspects} inspects ${ms(c.naiveMs)}`, `${c.ratio}×`, `≤ ${BUDGET.containersColdRatio}×`, judge(c.ratio, BUDGET.containersColdRatio));
  const p = r.polling;
  const pollFigure = `Docker ${cfg.statusDockerPath} per 2 s (${cfg.clients} clients × ${cfg.pollSeconds} s)`;
  if (p.unavailable) add(pollFigure, `status ${p.unavailable}`, '–', '–', `≤ ${BUDGET.statusDockerCallsPer2s}`, 'n/a');
  else
    add(
      pollFigure,
      `max ${p.maxPer2s} (${p.statusDockerCalls} in all, for ${p.requests} requests)`,
      `naive: ${p.naiveCalls} (one per request)`,
      '–',
      `≤ ${BUDGET.statusDockerCallsPer2s}`,
      judge(p.maxPer2s, BUDGET.statusDockerCallsPer2s),
    );
  if (!p.unavailable) {
    const all = Object.entries(p.dockerCalls).sort((a, b) => b[1] - a[1]);
    const total = all.reduce((n, [, v]) => n + v, 0);
    add('all Docker calls while polling', `${total}: ${all.slice(0, 4).map(([k, v]) => `${v} ${k.replace(/^GET /, '')}`).join(', ')}`, '–', '–', '–', 'info');
  }
  metricsRows(r.metrics, add, ms);
  const ev = r.eventToPage;
  if (ev) {
    if (ev.unavailable) add('event → page (docker start → Containers page shows it running)', ev.unavailable, '–', '–', `≤ ${BUDGET.eventToPageMs} ms`, 'n/a');
    else
      add(
        'event → page (docker start → Containers page shows it running), p50',
        `${ms(ev.p50Ms)} over ${ev.events} events${ev.live ? '' : ' (page was polling)'}`,
        'page polling every 5 s: ≈ 2,500 ms on average',
        '–',
        `≤ ${BUDGET.eventToPageMs} ms`,
        judge(ev.p50Ms, BUDGET.eventToPageMs),
      );
  }
  const f = r.fleet;
  if (f) {
    if (f.unavailable) add('fleet /api/v1/hosts (3 hosts)', f.unavailable, 'slowest single host status', '–', `≤ ${BUDGET.fleetRatio}×`, 'n/a');
    else add('fleet /api/v1/hosts (3 hosts) p50', ms(f.ms), `slowest single host /status ${ms(f.slowestSingleMs)}`, `${f.ratio}×`, `≤ ${BUDGET.fleetRatio}×`, judge(f.ratio, BUDGET.fleetRatio));
  }
  add('server RSS (process tree)', `${r.rss.mb.toFixed(0)} MB`, `dockerd ${r.rss.dockerdMb.toFixed(0)} MB`, '–', `≤ ${BUDGET.rssMb} MB`, judge(r.rss.mb, BUDGET.rssMb));
  add(
    'start → first 200 on /api/health',
    ms(r.startup.ms),
    `next start alone ${ms(r.startup.nextStartAloneMs)}; bare node http ${ms(r.startup.bareNodeMs)}`,
    r.startup.bareNodeMs ? `${round(r.startup.ms / r.startup.bareNodeMs, 1)}× bare node` : '–', `≤ ${BUDGET.startupMs} ms`, judge(r.startup.ms, BUDGET.startupMs));
  for (const b of r.firstLoadJs) add(`first-load JS ${b.route}`, `${b.gzipKb.toFixed(1)} kB gz`, `${b.rawKb.toFixed(0)} kB raw`, '–', `≤ ${BUDGET.firstLoadJsKb} kB`, judge(b.gzipKb, BUDGET.firstLoadJsKb));
  return out;
}

function markdownTable(list) {
  const head = ['figure', 'dashboard', 'raw Docker / baseline (same run)', 'ratio', 'budget', 'result'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of list) lines.push(`| ${[r.figure, r.value, r.raw, r.ratio, r.budget, r.result].join(' | ')} |`);
  return lines.join('\n');
}

/** Replaces the table between <!-- bench:begin --> and <!-- bench:end --> in README.md. */
function writeReadme(results, list) {
  const readme = path.join(root, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a === -1 || b < a) {
    log('README.md has no bench:begin/bench:end markers; not updated');
    return;
  }
  const head =
    `Measured ${results.at.slice(0, 16).replace('T', ' ')} UTC on ${results.machine.cpus} CPUs (node ${results.machine.node}), ` +
    `${TOTAL} containers (${RUNNING} running), medians of ${cfg.rounds} rounds × ${cfg.samples} samples and ${cfg.coldRuns} fresh starts` +
    `${cfg.standIn ? '; STAND-IN targets: `/api/v1/hosts/local` (Docker `/version`) in place of the status and containers endpoints' : ''}.`;
  fs.writeFileSync(readme, `${text.slice(0, a + begin.length)}\n${head}\n\n${markdownTable(list)}\n${text.slice(b)}`);
  log('README.md Performance table updated');
}

function report(results) {
  const list = rows(results);
  results.table = list;
  results.budgets = BUDGET;
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nkasm-sysbox-dashboard bench, ${results.at}, ${results.machine.cpus} CPUs, node ${results.machine.node}`);
  console.log(`${TOTAL} containers (${RUNNING} running) on the sandbox daemon; medians of ${cfg.rounds} rounds × ${cfg.samples} samples, ${cfg.coldRuns} fresh starts${cfg.standIn ? '; STAND-IN targets (/api/v1/hosts/local)' : ''}\n`);
  console.log(markdownTable(list));
  console.log(`\nwritten to ${path.relative(process.cwd(), resultsFile) || resultsFile}`);
  if (cfg.writeReadme) writeReadme(results, list);
  const over = list.filter((r) => r.result === 'over');
  const na = list.filter((r) => r.result === 'n/a');
  if (over.length) console.log(`\nover budget: ${over.map((r) => r.figure).join('; ')}`);
  if (na.length) console.log(`not measured: ${na.map((r) => r.figure).join('; ')}`);
  if (!cfg.check) return 0;
  if (over.length) return 1;
  if (na.length) return 3;
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`[bench] failed: ${err instanceof Error ? err.message : err}`);
  code = 2;
}
process.exit(code);
