import 'server-only';
import type { HostConfig } from '@/lib/server/hosts';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import type { HostStatus } from '@/lib/sysbox/status';
import { observeProbeDuration } from '@/lib/server/metrics/registry';
import { probeHost } from './host-probe';

/** A finished status may be served again for this long. */
export const STATUS_REUSE_MS = 2000;

interface Entry {
  signature: string;
  promise: Promise<HostStatus>;
  /** Set when the probe finished. */
  doneAt: number | null;
}

const globalForStatus = globalThis as unknown as { __ksdStatus?: Map<string, Entry> };
const entries = (globalForStatus.__ksdStatus ??= new Map<string, Entry>());

/**
 * The status of one host. Concurrent callers share the probe in flight, and a
 * finished result is reused for up to 2 s, so a burst of requests makes at
 * most one /info and one /version call. `reuseMs` lets GET /metrics accept a
 * result as old as the pages' poll interval (lib/server/metrics/collect.ts).
 */
export function getHostStatus(host: HostConfig, now: () => number = Date.now, reuseMs: number = STATUS_REUSE_MS): Promise<HostStatus> {
  const signature = JSON.stringify([host.docker, host.files]);
  const key = host.id;
  const e = entries.get(key);
  if (e && e.signature === signature && (e.doneAt === null || now() - e.doneAt <= reuseMs)) return e.promise;
  const entry: Entry = { signature, doneAt: null, promise: Promise.resolve() as unknown as Promise<HostStatus> };
  const started = performance.now();
  entry.promise = probeHost(host)
    .then(evaluateHost)
    .finally(() => {
      entry.doneAt = now();
      observeProbeDuration(host.id, (performance.now() - started) / 1000);
    });
  // A probe that throws is not cached: the next request tries again.
  entry.promise.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  entries.set(key, entry);
  return entry.promise;
}

/** For tests: forget cached results. */
export function clearHostStatusCache(): void {
  entries.clear();
}
