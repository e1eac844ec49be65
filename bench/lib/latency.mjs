// Latency and polling measurements of `npm run bench`: rounds of timed GETs
// side by side with raw Docker, the naive list+inspect baseline, status polling.
import { performance } from 'node:perf_hooks';
import { agent, timedGet } from './http.mjs';
import { AUTH_HEADERS } from './server.mjs';
import { maxInWindow, median, percentile, round } from './stats.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error('[bench]', ...a);

/** Naive "list then inspect each", sequential, on the raw socket: what a dashboard without a cache would do. */
export async function naiveListInspect(rawTarget, a) {
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
export function unavailable(status, error) {
  if (status === 404) return 'not available (404)';
  if (status === 0) return `no answer (${error ?? 'connection failed'})`;
  return `error (HTTP ${status})`;
}

/**
 * Latency rounds: per sample, one request to each series in turn (so noise hits
 * all of them alike). Returns per series { p50, p95 } medians over rounds and
 * the per-round ratios' medians.
 */
export async function latencyRounds(series, { rounds, samples }) {
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

export function summarizePair(dash, raw) {
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
export async function pollingFigure(port, proxy, cfg) {
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
