import 'server-only';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import pkg from '@/package.json';

/**
 * The process-wide part of GET /metrics: a registry of our own (never
 * prom-client's global default, which Next.js's several module instances would
 * register into twice), cached on globalThis like the Docker clients, holding
 * what accumulates over time: the default process metrics, ksd_build_info,
 * Docker requests per allow-listed endpoint and the status probe durations.
 * The per-host gauges are computed at scrape time (lib/server/metrics/collect.ts).
 */
interface ProcessMetrics {
  registry: Registry;
  dockerRequests: Counter<'host' | 'endpoint'>;
  probeDuration: Histogram<'host'>;
  sessionFailures: Counter<'host' | 'reason'>;
}

const g = globalThis as unknown as { __ksdMetrics?: ProcessMetrics };

function create(): ProcessMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client also exports these three as gauges with a legacy `_total` suffix, which
  // `promtool check metrics` rejects (only counters end in _total); the same values stay
  // available as nodejs_active_handles, nodejs_active_requests and nodejs_active_resources.
  for (const legacy of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(legacy);
  const build = new Gauge({ name: 'ksd_build_info', help: 'Version of kasm-sysbox-dashboard serving these metrics (always 1).', labelNames: ['version'], registers: [registry] });
  build.set({ version: pkg.version }, 1);
  const dockerRequests = new Counter({
    name: 'ksd_docker_requests_total',
    help: 'Docker Engine API requests made by the dashboard, by host and allow-listed endpoint pattern (never a raw path).',
    labelNames: ['host', 'endpoint'],
    registers: [registry],
  });
  const probeDuration = new Histogram({
    name: 'ksd_probe_duration_seconds',
    help: 'Duration of a host status probe (Docker /version, /info, container facts and host files).',
    labelNames: ['host'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  // Recorded by the history store (lib/server/history/recorder.ts); `reason` is a failure kind id
  // (the known Sysbox error ids of lib/sysbox/container-health.ts, or oom / start-error / exit /
  // unknown): a bounded set, never a container or user name.
  const sessionFailures = new Counter({
    name: 'ksd_session_failures_total',
    help: 'Failed Kasm sessions and Sysbox containers recorded in the history, by host and failure kind.',
    labelNames: ['host', 'reason'],
    registers: [registry],
  });
  return { registry, dockerRequests, probeDuration, sessionFailures };
}

export function processMetrics(): ProcessMetrics {
  g.__ksdMetrics ??= create();
  return g.__ksdMetrics;
}

/** Counts one Docker request; `endpoint` is the allow-list pattern, e.g. `/containers/{id}/json`. */
export function countDockerRequest(host: string, endpoint: string): void {
  processMetrics().dockerRequests.inc({ host, endpoint });
}

export function observeProbeDuration(host: string, seconds: number): void {
  processMetrics().probeDuration.observe({ host }, seconds);
}

/** Counts one recorded session failure (history recorder). */
export function countSessionFailure(host: string, reason: string): void {
  processMetrics().sessionFailures.inc({ host, reason });
}
