// The fleet figure of `npm run bench`: one server watching three hosts.
import fs from 'node:fs';
import path from 'node:path';
import { agent, freePort, timedGet } from './http.mjs';
import { latencyRounds, unavailable } from './latency.mjs';
import { AUTH_HEADERS, startDashboard } from './server.mjs';
import { median, round } from './stats.mjs';

/**
 * Fleet: a server watching three hosts (three host ids on the bench daemon).
 * GET /api/v1/hosts (all three, in parallel) vs the slowest single host's
 * GET /api/v1/hosts/{id}/status, medians of rounds in the same run.
 */
export async function fleetFigure({ root, cfg, sockDir, dockerSocket, logFile }) {
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
