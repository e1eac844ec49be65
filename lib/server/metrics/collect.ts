import 'server-only';
import { Gauge, Registry } from 'prom-client';
import { getContainerFacts, inventoryStats } from '@/lib/server/containers/inventory';
import { getEnv } from '@/lib/server/env';
import { statusOf } from '@/lib/server/fleet';
import { listAllHosts, type AnyHostConfig } from '@/lib/server/hosts';
import { getHostStatus } from '@/lib/server/probe/status';
import { evaluateContainers } from '@/lib/sysbox/container-findings';
import type { Container } from '@/lib/sysbox/container-schema';
import { hostSamples, METRIC_DEFS, type HostMetricsInput, type MetricName, type Sample } from '@/lib/sysbox/metrics';
import type { HostStatus } from '@/lib/sysbox/status';
import { processMetrics } from './registry';

/**
 * GET /metrics, computed at scrape time from the same cached status probe and
 * container inventory the pages use:
 * - a status or container list at most METRICS_REUSE_MS old is reused, so a
 *   scrape adds no Docker request while a page polls, and any number of
 *   Prometheus servers scraping every 5 s cost at most one probe per host per
 *   5 s, what one open Overview costs (it polls every 5 s, lib/client/status.ts);
 * - hosts are collected in parallel, each bounded by its own timeout (the
 *   host's `timeoutMs`, else DOCKER_TIMEOUT_MS): a dead or stuck host is
 *   `ksd_host_up 0` and a scrape never waits longer than the slowest host's
 *   timeout. A probe cut off this way keeps running and fills the cache for
 *   the next scrape;
 * - concurrent scrapes share one collection.
 */
export const METRICS_REUSE_MS = 5_000;
/** Headroom over a host's request timeout before the scrape gives up on it (its own timeout error normally comes first). */
const DEADLINE_SLACK_MS = 250;

/** Remote dashboards' statuses (their status call is not cached by fleet.ts). */
const g = globalThis as unknown as { __ksdRemoteStatus?: Map<string, { at: number; value: Promise<HostStatus> }> };
const remoteStatus = (g.__ksdRemoteStatus ??= new Map());

function remoteStatusOf(host: AnyHostConfig): Promise<HostStatus> {
  const hit = remoteStatus.get(host.id);
  if (hit && Date.now() - hit.at <= METRICS_REUSE_MS) return hit.value;
  const value = statusOf(host);
  remoteStatus.set(host.id, { at: Date.now(), value });
  value.catch(() => {
    if (remoteStatus.get(host.id)?.value === value) remoteStatus.delete(host.id);
  });
  return value;
}

export function hostTimeoutMs(host: AnyHostConfig): number {
  const t = host.kind === 'docker' ? host.docker.timeoutMs : host.dashboard.timeoutMs;
  return t ?? getEnv().DOCKER_TIMEOUT_MS;
}

class Deadline extends Error {}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Deadline(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, cut]).finally(() => clearTimeout(timer));
}

async function collectHost(host: AnyHostConfig): Promise<HostMetricsInput> {
  const deadline = hostTimeoutMs(host) + DEADLINE_SLACK_MS;
  const base: HostMetricsInput = { host: host.id, up: false, status: null, containers: null, eventsStreamUp: null };
  if (host.kind === 'dashboard') {
    try {
      const status = await within(remoteStatusOf(host), deadline);
      return { ...base, up: true, status };
    } catch (err) {
      console.warn(`[metrics] host ${host.id}: ${err instanceof Error ? err.message : String(err)}`);
      return base;
    }
  }
  let status: HostStatus;
  try {
    status = await within(getHostStatus(host, Date.now, METRICS_REUSE_MS), deadline);
  } catch (err) {
    console.warn(`[metrics] host ${host.id}: status ${err instanceof Error ? err.message : String(err)}`);
    return { ...base, eventsStreamUp: inventoryStats(host.id).eventsLive };
  }
  const up = status.facts.docker !== null;
  let containers: Container[] | null = null;
  if (up) {
    try {
      // The events-kept inventory answers from memory: no Docker call while its event stream is live.
      containers = evaluateContainers(await within(getContainerFacts(host), deadline));
    } catch (err) {
      console.warn(`[metrics] host ${host.id}: containers ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { ...base, up, status, containers, eventsStreamUp: inventoryStats(host.id).eventsLive };
}

/** Prometheus text for the per-host samples (a registry per scrape, so vanished label sets vanish). */
export async function renderSamples(samples: readonly Sample[]): Promise<string> {
  const registry = new Registry();
  const gauges = new Map<MetricName, Gauge>();
  for (const [name, def] of Object.entries(METRIC_DEFS) as [MetricName, (typeof METRIC_DEFS)[MetricName]][]) {
    gauges.set(name, new Gauge({ name, help: def.help, labelNames: [...def.labels], registers: [registry] }));
  }
  for (const s of samples) gauges.get(s.name)?.set(s.labels, s.value);
  return registry.metrics();
}

let inFlight: Promise<string> | null = null;

async function collect(): Promise<string> {
  const hosts = listAllHosts();
  const inputs = await Promise.all(hosts.map(collectHost));
  const perHost = await renderSamples(inputs.flatMap(hostSamples));
  const processText = await processMetrics().registry.metrics();
  return perHost.endsWith('\n') ? `${perHost}${processText}` : `${perHost}\n${processText}`;
}

/** The whole exposition; concurrent scrapes share one collection. */
export function renderMetrics(): Promise<string> {
  inFlight ??= collect().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
