import 'server-only';
import { getContainerInventory } from './containers/inventory';
import { findContainer } from './containers/query';
import { AppError, toAppError } from './errors';
import { findAnyHost, publicEndpoint, type AnyHostConfig, type DashboardHostConfig } from './hosts';
import { getHostStatus } from './probe/status';
import { remoteGetParsed } from './remote-dashboard';
import { containerListSchema, containerSchema, type Container, type ContainerList } from '@/lib/sysbox/container-schema';
import { SYSBOX_RUNTIME } from '@/lib/sysbox/runtime';
import { isSysboxRuncPath } from '@/lib/sysbox/daemon-json';
import { hostStatusSchema, type HostStatus } from '@/lib/sysbox/status';
import type { FleetRow } from '@/lib/contracts/hosts';

/**
 * Many agents: one row per host for the Hosts page, and the status, containers
 * and one container of any host, whether it is a Docker endpoint this process
 * talks to or another instance of this dashboard (read through its /api/v1).
 * The one place that dispatches between the two kinds: routes and pages call
 * statusOf / containersOf / containerOf and never branch on `host.kind`.
 *
 * Probes of different hosts run in parallel, each bounded by its own timeout
 * (the Docker/remote request timeout), so a dead or slow host shows as
 * unreachable and never delays the others beyond that timeout.
 */
export type { FleetRow } from '@/lib/contracts/hosts';

function runtimeOf(docker: HostStatus['facts']['docker']): Pick<FleetRow, 'runtimePath' | 'runtimeIsSysbox'> {
  const r = docker && Object.hasOwn(docker.runtimes, SYSBOX_RUNTIME) ? docker.runtimes[SYSBOX_RUNTIME] : undefined;
  if (!r) return { runtimePath: null, runtimeIsSysbox: null };
  return { runtimePath: r.path, runtimeIsSysbox: isSysboxRuncPath(r.path) };
}

const outages = new Map<string, string>();

/**
 * Container counts per host, reused for up to 2 s like the status probe
 * (STATUS_REUSE_MS), with concurrent requests sharing the one in flight: a
 * fleet poll costs at most one inventory pass per host per 2 s, whatever the
 * number of browsers watching.
 */
const COUNTS_REUSE_MS = 2000;
const countsCache = new Map<string, { at: number; value: Promise<NonNullable<FleetRow['counts']>> }>();

function cachedCounts(host: AnyHostConfig): Promise<NonNullable<FleetRow['counts']>> {
  const now = Date.now();
  const hit = countsCache.get(host.id);
  if (hit && now - hit.at < COUNTS_REUSE_MS) return hit.value;
  const value = host.kind === 'docker' ? getContainerInventory(host).then(countsOf) : remoteCounts(host);
  countsCache.set(host.id, { at: now, value });
  value.catch(() => {
    if (countsCache.get(host.id)?.value === value) countsCache.delete(host.id);
  });
  return value;
}

function noteReachability(id: string, reachable: boolean, at: string): string | undefined {
  if (reachable) {
    outages.delete(id);
    return undefined;
  }
  const since = outages.get(id) ?? at;
  outages.set(id, since);
  return since;
}

/** Status of any host; remote dashboards are read through their API and relabelled as this host. */
export async function statusOf(host: AnyHostConfig): Promise<HostStatus> {
  if (host.kind === 'docker') return getHostStatus(host);
  const remote = await remoteGetParsed(host, '/api/v1/hosts/local/status', hostStatusSchema);
  return { ...remote, host: { id: host.id, name: host.name, endpoint: publicEndpoint(host) } };
}

/** One page of containers of any host (remote dashboards do their own filtering and paging). */
export async function containersOf(host: AnyHostConfig, query: URLSearchParams, local: (all: Container[]) => ContainerList): Promise<ContainerList> {
  if (host.kind === 'docker') return local(await getContainerInventory(host));
  return remoteGetParsed(host, '/api/v1/hosts/local/containers', containerListSchema, query);
}

/** One container of any host, by id or name (a remote dashboard looks it up itself). */
export async function containerOf(host: AnyHostConfig, ref: string): Promise<Container> {
  if (host.kind === 'dashboard') return remoteGetParsed(host, `/api/v1/hosts/local/containers/${encodeURIComponent(ref)}`, containerSchema);
  const container = findContainer(await getContainerInventory(host), ref);
  if (!container) throw new AppError('not_found', `No container "${ref}" on host ${host.id}`);
  return container;
}

export function requireHost(id: string): AnyHostConfig {
  const host = findAnyHost(id);
  if (!host) throw new AppError('not_found', `Unknown host "${id}"`);
  return host;
}

function countsOf(all: readonly Container[]): NonNullable<FleetRow['counts']> {
  return {
    containers: all.length,
    sysbox: all.filter((c) => c.sysbox).length,
    sessions: all.filter((c) => c.kasm.kind === 'session').length,
    withFindings: all.filter((c) => c.findings.length > 0).length,
    findings: all.reduce((n, c) => n + c.findings.length, 0),
  };
}

async function remoteCounts(host: DashboardHostConfig): Promise<NonNullable<FleetRow['counts']>> {
  const total = async (q: Record<string, string>) =>
    (await remoteGetParsed(host, '/api/v1/hosts/local/containers', containerListSchema, new URLSearchParams({ ...q, pageSize: '1' }))).total;
  const [containers, sysbox, sessions, withFindings] = await Promise.all([
    total({}),
    total({ runtime: SYSBOX_RUNTIME }),
    total({ kasm: 'session' }),
    total({ problems: '1' }),
  ]);
  // The remote API gives the number of containers with findings, not of findings.
  return { containers, sysbox, sessions, withFindings, findings: withFindings };
}

/** The row's error: an AppError as it is, anything else logged once and generic (errors.ts toAppError). */
function describe(err: unknown, where: string): { code: string; message: string } {
  const e = toAppError(err, where);
  return { code: e.code, message: e.message };
}

export async function fleetRow(host: AnyHostConfig): Promise<FleetRow> {
  const base = { id: host.id, name: host.name, kind: host.kind, endpoint: publicEndpoint(host) };
  let status: HostStatus;
  try {
    status = await statusOf(host);
  } catch (err) {
    const at = new Date().toISOString();
    return { ...base, reachable: false, checkedAt: at, unreachableSince: noteReachability(host.id, false, at), error: describe(err, `fleet ${host.id} status`) };
  }
  const docker = status.facts.docker;
  const reachable = docker !== null;
  let counts: FleetRow['counts'] = null;
  if (reachable) {
    try {
      counts = await cachedCounts(host);
    } catch (err) {
      console.warn(`[fleet] containers of ${host.id} unavailable:`, describe(err, `fleet ${host.id} containers`).message);
      counts = null;
    }
  }
  const dockerCheck = status.checks.find((c) => c.id === 'docker.reachable');
  return {
    ...base,
    reachable,
    verdict: status.verdict,
    checkedAt: status.checkedAt,
    unreachableSince: noteReachability(host.id, reachable, status.checkedAt),
    error: reachable ? undefined : { code: 'docker_unreachable', message: dockerCheck?.summary ?? 'Docker is unreachable' },
    sysboxVersion: status.facts.sysbox.version,
    kernel: status.facts.kernel.version ?? docker?.kernelVersion ?? null,
    runtimeRegistered: docker ? Object.hasOwn(docker.runtimes, SYSBOX_RUNTIME) : null,
    ...runtimeOf(docker),
    problems: status.checks.filter((c) => c.status !== 'pass').length,
    kasmUser: status.facts.kasmUser,
    counts,
  };
}
