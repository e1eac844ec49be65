// GET /metrics figures for the bench (README "Monitoring"): self-contained, so
// bench/lib/report.mjs adds metricsRows() to the table; scripts/bench.mjs calls metricsFigure().
//  1. Docker calls a scrape adds when the cache is warm: the pages' status and
//     containers requests warm it, then one scrape; the counting proxy must see 0.
//     Also: 20 scrapes in a row (as from several Prometheus servers) and what
//     they cost in all (at most one probe per reuse window).
//  2. Scrape latency: p50/p95 of GET /metrics beside raw GET /info on the
//     Docker socket, one request of each per sample, medians over rounds.
import { timedGet } from './http.mjs';
import { median, percentile, round } from './stats.mjs';

const total = (counts) => Object.values(counts).reduce((n, v) => n + v, 0);

export async function metricsFigure({ target, agent, headers, proxy, raw, rawAgent, pagePaths, rounds, samples, log }) {
  const first = await timedGet(target, '/metrics', { agent, headers, timeoutMs: 60_000 });
  if (first.status !== 200) return { unavailable: first.status === 404 ? 'not available (404)' : `error (HTTP ${first.status})` };

  // 1. Warm: the pages ask first, then Prometheus scrapes.
  for (const p of pagePaths) await timedGet(target, p, { agent, headers });
  proxy.reset();
  const scrape = await timedGet(target, '/metrics', { agent, headers });
  const warmCalls = proxy.counts();
  proxy.reset();
  for (let i = 0; i < 20; i++) await timedGet(target, '/metrics', { agent, headers });
  const burstCalls = proxy.counts();
  log(`metrics: a warm scrape added ${total(warmCalls)} Docker calls; 20 scrapes in a row ${total(burstCalls)}`);

  // 2. Latency beside raw /info.
  const perRound = { metrics: [], info: [] };
  for (let r = 0; r < rounds; r++) {
    const t = { metrics: [], info: [] };
    for (let s = 0; s < samples; s++) {
      const a = await timedGet(raw, '/info', { agent: rawAgent });
      const b = await timedGet(target, '/metrics', { agent, headers });
      if (a.status !== 200 || b.status !== 200) throw new Error(`metrics latency: /info ${a.status}, /metrics ${b.status}`);
      t.info.push(a.ms);
      t.metrics.push(b.ms);
    }
    perRound.metrics.push({ p50: percentile(t.metrics, 50), p95: percentile(t.metrics, 95) });
    perRound.info.push({ p50: percentile(t.info, 50), p95: percentile(t.info, 95) });
  }
  return {
    warmScrapeDockerCalls: total(warmCalls),
    warmScrapeCalls: warmCalls,
    twentyScrapesDockerCalls: total(burstCalls),
    twentyScrapesCalls: burstCalls,
    bytes: scrape.bytes,
    p50Ms: round(median(perRound.metrics.map((x) => x.p50))),
    p95Ms: round(median(perRound.metrics.map((x) => x.p95))),
    rawInfoP50Ms: round(median(perRound.info.map((x) => x.p50))),
    p50Ratio: round(median(perRound.metrics.map((x, i) => x.p50 / perRound.info[i].p50))),
    rounds,
  };
}

/** Rows for the bench table: `add(figure, value, raw, ratio, budget, result)`. */
export function metricsRows(m, add, ms) {
  if (!m) return;
  if (m.unavailable) {
    add('GET /metrics', m.unavailable, 'GET /info', '–', '0 Docker calls when warm', 'n/a');
    return;
  }
  add('Docker calls added by a warm /metrics scrape', String(m.warmScrapeDockerCalls), `20 scrapes in a row: ${m.twentyScrapesDockerCalls}`, '–', '0', m.warmScrapeDockerCalls === 0 ? 'ok' : 'over');
  add('GET /metrics p50', ms(m.p50Ms), `GET /info ${ms(m.rawInfoP50Ms)}`, `${m.p50Ratio}×`, '–', 'info');
}
