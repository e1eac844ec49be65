import { checkStatusSchema } from './check';
import type { Container } from './container-schema';
import type { HostStatus } from './status';

/**
 * Pure: what GET /metrics says about one host, as Prometheus samples, from the
 * same status and container inventory the pages show. Labels are bounded: the
 * host id, check ids, finding ids, runtimes, container states, versions; never
 * a container id, name or user name.
 *
 * Choices the issue left open (README "Monitoring"):
 * - every enum-valued metric (verdict, check status) is exported with all its
 *   values, 1 for the current one and 0 for the others, so an alert can test
 *   `== 1` and a change shows as a flip, not as a series that disappears;
 * - `ksd_kasm_sessions` counts Kasm session containers that are *running*;
 *   `ksd_containers` counts every container by runtime and state;
 * - a Docker host whose daemon is down still has a status (docker.reachable
 *   fails, host files evaluated) and exports it, like the Overview shows it;
 *   a host without any status (remote dashboard down, probe over its timeout)
 *   exports only `ksd_host_up 0`.
 */
export interface Sample {
  name: MetricName;
  labels: Record<string, string>;
  value: number;
}

export const METRIC_DEFS = {
  ksd_host_up: { help: '1 when the host answered (its Docker API, or its dashboard for a dashboard host), else 0.', labels: ['host'] },
  ksd_host_verdict: { help: 'Sysbox readiness verdict of the host: 1 for the current verdict (ready, degraded, not-ready), 0 for the others.', labels: ['host', 'verdict'] },
  ksd_check_status: { help: 'Status of each readiness check: 1 for its current status (pass, warn, fail, unknown), 0 for the others.', labels: ['host', 'check', 'status'] },
  ksd_sysbox_info: { help: 'Installed Sysbox version and edition ("unknown" when not found or not readable); always 1.', labels: ['host', 'version', 'edition'] },
  ksd_kernel_info: { help: 'Kernel release and the ID-shifting mechanism Sysbox can use (idmapped-mounts, shiftfs, none, unknown); always 1.', labels: ['host', 'release', 'mechanism'] },
  ksd_containers: { help: 'Containers by runtime (HostConfig.Runtime) and state.', labels: ['host', 'runtime', 'state'] },
  ksd_kasm_sessions: { help: 'Running Kasm session containers (label kasm.kasmid) by runtime.', labels: ['host', 'runtime'] },
  ksd_container_findings: { help: 'Containers that have the finding (e.g. sysbox.error, sysbox.gpu), by finding and severity.', labels: ['host', 'finding', 'severity'] },
  ksd_events_stream_up: { help: "1 while the dashboard's Docker event subscription for the host is live (cache invalidation), else 0.", labels: ['host'] },
} as const;
export type MetricName = keyof typeof METRIC_DEFS;

export const VERDICTS = ['ready', 'degraded', 'not-ready'] as const;

export interface HostMetricsInput {
  host: string;
  /** Whether the host answered. */
  up: boolean;
  status: HostStatus | null;
  containers: readonly Container[] | null;
  /** Docker hosts: whether the event stream is live; null for dashboard hosts. */
  eventsStreamUp: boolean | null;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

const orUnknown = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? 'unknown' : v);

export function hostSamples(input: HostMetricsInput): Sample[] {
  const host = input.host;
  const out: Sample[] = [{ name: 'ksd_host_up', labels: { host }, value: input.up ? 1 : 0 }];
  const s = input.status;
  if (s) {
    for (const verdict of VERDICTS) out.push({ name: 'ksd_host_verdict', labels: { host, verdict }, value: s.verdict === verdict ? 1 : 0 });
    for (const check of s.checks) {
      for (const status of checkStatusSchema.options) {
        out.push({ name: 'ksd_check_status', labels: { host, check: check.id, status }, value: check.status === status ? 1 : 0 });
      }
    }
    out.push({ name: 'ksd_sysbox_info', labels: { host, version: orUnknown(s.facts.sysbox.version), edition: orUnknown(s.facts.sysbox.edition) }, value: 1 });
    out.push({
      name: 'ksd_kernel_info',
      labels: { host, release: orUnknown(s.facts.kernel.version ?? s.facts.docker?.kernelVersion), mechanism: orUnknown(s.facts.kernel.mechanism) },
      value: 1,
    });
  }
  const cs = input.containers;
  if (cs) {
    const byRuntimeState = countBy(cs, (c) => JSON.stringify([orUnknown(c.runtime), orUnknown(c.state)]));
    for (const [k, value] of [...byRuntimeState].sort(([a], [b]) => a.localeCompare(b))) {
      const [runtime = 'unknown', state = 'unknown'] = JSON.parse(k) as string[];
      out.push({ name: 'ksd_containers', labels: { host, runtime, state }, value });
    }
    // Every runtime in use gets a series (0 when no session runs under it).
    const sessions = new Map<string, number>([...new Set(cs.map((c) => orUnknown(c.runtime)))].map((r) => [r, 0]));
    for (const [r, n] of countBy(cs, (c) => (c.kasm.kind === 'session' && c.state === 'running' ? orUnknown(c.runtime) : null))) sessions.set(r, n);
    for (const [runtime, value] of [...sessions].sort(([a], [b]) => a.localeCompare(b))) out.push({ name: 'ksd_kasm_sessions', labels: { host, runtime }, value });
    // A container counts once per finding id, even when it has that finding twice (e.g. shared with two others).
    const findings = countBy(
      cs.flatMap((c) => [...new Map(c.findings.map((f) => [f.id, f.severity])).entries()]),
      ([id, severity]) => JSON.stringify([id, severity]),
    );
    for (const [k, value] of [...findings].sort(([a], [b]) => a.localeCompare(b))) {
      const [finding = 'unknown', severity = 'unknown'] = JSON.parse(k) as string[];
      out.push({ name: 'ksd_container_findings', labels: { host, finding, severity }, value });
    }
  }
  if (input.eventsStreamUp !== null) out.push({ name: 'ksd_events_stream_up', labels: { host }, value: input.eventsStreamUp ? 1 : 0 });
  return out;
}
