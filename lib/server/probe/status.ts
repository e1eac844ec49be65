import 'server-only';
import { inventoryVersion, subscribeInventory, type InventoryChange } from '@/lib/server/containers/inventory';
import type { HostConfig } from '@/lib/server/hosts';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import type { HostSnapshot } from '@/lib/sysbox/snapshot';
import type { HostStatus } from '@/lib/sysbox/status';
import { observeProbeDuration } from '@/lib/server/metrics/registry';
import { recordHostStatus } from '@/lib/server/history/recorder';
import { probeHost } from './host-probe';

/** A result younger than this is served without starting a new probe. */
export const STATUS_REUSE_MS = 2000;
/**
 * A result older than the reuse window but younger than this is still served at
 * once, while a fresh probe runs in the background (stale-while-revalidate). Its
 * `checkedAt` says when it was taken, so the page's "checked N s ago" stays honest.
 * Older than this (nobody looked for a while), a request waits for the probe.
 */
export const STATUS_MAX_STALE_MS = 30_000;

interface Entry {
  signature: string;
  current: { status: HostStatus; doneAt: number; fingerprint: string } | null;
  /** The inputs of the last evaluation and its result: an unchanged host is not evaluated again. */
  evaluated: { inputs: string; status: HostStatus } | null;
  inflight: Promise<HostStatus> | null;
  /** A background refresh scheduled for the next turn (not started yet). */
  scheduled: boolean;
  unsubscribe: (() => void) | null;
  listeners: Set<(status: HostStatus) => void>;
}

const globalForStatus = globalThis as unknown as { __ksdStatus?: Map<string, Entry> };
const entries = (globalForStatus.__ksdStatus ??= new Map<string, Entry>());

/** What a page would show differently: the verdict and each check's status and summary. */
function fingerprint(s: HostStatus): string {
  return JSON.stringify([s.verdict, s.checks.map((c) => [c.id, c.status, c.summary])]);
}

/**
 * What evaluateHost reads, as a key: the host's files and Docker answers as
 * probed, and the container inventory's version instead of its 1,000 rows
 * (the containers' health facts only change with it). Null when the inventory
 * changed while the probe read it: then the evaluation runs.
 */
function inputsKey(s: HostSnapshot, versionBefore: number | null, versionAfter: number | null): string | null {
  if (versionBefore === null || versionBefore !== versionAfter) return null;
  const containers = s.containers.ok ? `v${versionAfter}` : `error:${s.containers.reason}`;
  return JSON.stringify([s.host, s.docker, s.files, containers]);
}

/** Ends this turn of the event loop: requests already queued are served before the next step. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One probe and evaluation. The refresh runs in the process that answers
 * requests, so its CPU work would land on their time (status p95, issue #14):
 * it ends its turn between the probe, the evaluation and the bookkeeping, so a
 * request that arrives meanwhile waits for one step at most, not the whole refresh.
 */
function startProbe(host: HostConfig, e: Entry, now: () => number): Promise<HostStatus> {
  if (e.inflight) return e.inflight;
  const started = performance.now();
  const p = (async () => {
    const versionBefore = inventoryVersion(host.id);
    const snapshot = await probeHost(host);
    const inputs = inputsKey(snapshot, versionBefore, inventoryVersion(host.id));
    await nextTurn();
    let status: HostStatus;
    if (inputs !== null && e.evaluated?.inputs === inputs) {
      // Nothing evaluateHost reads has changed: the same verdict, checked now (checkedAt is the snapshot's time).
      status = { ...e.evaluated.status, checkedAt: snapshot.takenAt };
    } else {
      // Evaluating 1,000 containers is one 10-20 ms stretch: skipped above when nothing changed.
      status = evaluateHost(snapshot);
      e.evaluated = inputs === null ? null : { inputs, status };
      await nextTurn();
    }
    recordHostStatus(host, status);
    const before = e.current;
    const print = fingerprint(status);
    e.current = { status, doneAt: now(), fingerprint: print };
    if (!before || before.fingerprint !== print) {
      for (const l of e.listeners) l(status);
    }
    return status;
  })().finally(() => {
    if (e.inflight === p) e.inflight = null;
    observeProbeDuration(host.id, (performance.now() - started) / 1000);
  });
  e.inflight = p;
  return p;
}

/**
 * A refresh in the background: started on the next turn, so the request that
 * found the result stale is answered before the probe begins its work.
 */
function refreshInBackground(host: HostConfig, e: Entry, now: () => number): void {
  if (e.inflight || e.scheduled) return;
  e.scheduled = true;
  setImmediate(() => {
    e.scheduled = false;
    if (entries.get(host.id) !== e) return;
    startProbe(host, e, now).catch((err: unknown) => {
      console.warn(`[status] background refresh of host ${host.id} failed:`, err instanceof Error ? err.message : err);
    });
  });
}

/**
 * Docker events that change a check's inputs start a background refresh: a
 * container starting, dying (a Sysbox start failure sets State.Error, read by
 * containers.sysbox-health), being created or removed, and the daemon
 * reloading its configuration (`daemon reload` event: runtimes, userns-remap).
 */
const STATUS_TRIGGERS = new Set(['create', 'start', 'die', 'oom', 'destroy', 'network-disconnect']);

function watchTriggers(host: HostConfig, e: Entry, now: () => number): void {
  if (e.unsubscribe) return;
  e.unsubscribe = subscribeInventory(host, (ch: InventoryChange) => {
    const relevant = (ch.kind === 'container' && STATUS_TRIGGERS.has(ch.action)) || (ch.kind === 'daemon' && ch.action === 'reload') || ch.kind === 'stream';
    if (!relevant || entries.get(host.id) !== e) return;
    refreshInBackground(host, e, now);
  });
}

/**
 * The status of one host, never waiting for a probe when a recent result
 * exists: younger than STATUS_REUSE_MS it is simply served; up to
 * STATUS_MAX_STALE_MS it is served while a refresh runs in the background.
 * Concurrent callers share the probe in flight; a failed probe is not cached.
 */
export function getHostStatus(host: HostConfig, now: () => number = Date.now, reuseMs: number = STATUS_REUSE_MS): Promise<HostStatus> {
  const signature = JSON.stringify([host.docker, host.files]);
  let e = entries.get(host.id);
  if (!e || e.signature !== signature) {
    e?.unsubscribe?.();
    e = { signature, current: null, evaluated: null, inflight: null, scheduled: false, unsubscribe: null, listeners: e?.listeners ?? new Set() };
    entries.set(host.id, e);
  }
  watchTriggers(host, e, now);
  if (e.current) {
    const age = now() - e.current.doneAt;
    if (age <= Math.max(reuseMs, STATUS_REUSE_MS)) return Promise.resolve(e.current.status);
    if (age <= STATUS_MAX_STALE_MS) {
      refreshInBackground(host, e, now);
      return Promise.resolve(e.current.status);
    }
  }
  return startProbe(host, e, now);
}

/** Called with the new status whenever a refresh changes what the Overview shows (live pages). */
export function subscribeHostStatus(hostId: string, listener: (status: HostStatus) => void): () => void {
  let e = entries.get(hostId);
  if (!e) {
    e = { signature: '', current: null, evaluated: null, inflight: null, scheduled: false, unsubscribe: null, listeners: new Set() };
    entries.set(hostId, e);
  }
  const entry = e;
  entry.listeners.add(listener);
  return () => {
    entry.listeners.delete(listener);
  };
}

/** For tests: forget cached results. */
export function clearHostStatusCache(): void {
  for (const e of entries.values()) e.unsubscribe?.();
  entries.clear();
}
