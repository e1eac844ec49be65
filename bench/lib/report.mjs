// The bench's table: rows judged against the budgets, Markdown, results.json
// and (--write-readme) README.md's Performance table.
import fs from 'node:fs';
import path from 'node:path';
import { BUDGET } from './config.mjs';
import { RUNNING, TOTAL } from './fixtures.mjs';
import { metricsRows } from './metrics.mjs';
import { round } from './stats.mjs';

const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------- report ---

const ms = (v) => (v === null || v === undefined ? '–' : `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`);

function judge(value, budget) {
  if (value === null || value === undefined) return 'n/a';
  return value <= budget ? 'ok' : 'over';
}

function rows(r, cfg) {
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
function writeReadme(root, cfg, results, list) {
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

export function report(results, { root, cfg }) {
  const benchDir = path.join(root, 'bench');
  const resultsFile = path.join(benchDir, 'results.json');
  const list = rows(results, cfg);
  results.table = list;
  results.budgets = BUDGET;
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nkasm-sysbox-dashboard bench, ${results.at}, ${results.machine.cpus} CPUs, node ${results.machine.node}`);
  console.log(`${TOTAL} containers (${RUNNING} running) on the sandbox daemon; medians of ${cfg.rounds} rounds × ${cfg.samples} samples, ${cfg.coldRuns} fresh starts${cfg.standIn ? '; STAND-IN targets (/api/v1/hosts/local)' : ''}\n`);
  console.log(markdownTable(list));
  console.log(`\nwritten to ${path.relative(process.cwd(), resultsFile) || resultsFile}`);
  if (cfg.writeReadme) writeReadme(root, cfg, results, list);
  const over = list.filter((r) => r.result === 'over');
  const na = list.filter((r) => r.result === 'n/a');
  if (over.length) console.log(`\nover budget: ${over.map((r) => r.figure).join('; ')}`);
  if (na.length) console.log(`not measured: ${na.map((r) => r.figure).join('; ')}`);
  if (!cfg.check) return 0;
  if (over.length) return 1;
  if (na.length) return 3;
  return 0;
}
