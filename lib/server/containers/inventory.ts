import 'server-only';
import type { HostConfig } from '@/lib/server/hosts';
import { evaluateContainers } from '@/lib/sysbox/container-findings';
import type { Container, ContainerFacts } from '@/lib/sysbox/container-schema';
import { containerStatusText } from '@/lib/sysbox/container-status';
import { caches, newestFirst, newHostCache, type HostCache, type InventoryChange, type InventoryStatsCounters } from './inventory-cache';
import { ensureEvents } from './inventory-events';
import { listAndDiff, syncShared } from './inventory-sync';

export { INSPECT_CONCURRENCY, SAFETY_RELIST_MS, mapWithConcurrency, type InventoryChange } from './inventory-cache';
export { FILL_CONCURRENCY, safetyRelist } from './inventory-sync';

/**
 * The container inventory of one host, kept coherent by Docker's `/events`
 * stream (one per host, shared by every request and every live page):
 *
 * - When the stream (re)connects: one `/containers/json?all=1`, diffed against
 *   what is cached; only new or changed containers are inspected, in the
 *   background (inventory-sync.ts). A fresh server first takes what the facts
 *   store (facts-store.ts, in the data dir) knows, so a restart inspects only
 *   what changed meanwhile; the first containers page does not wait for the
 *   rest (first-page.ts).
 * - Then every container event (create, start, die, stop, kill, destroy,
 *   rename, update, pause, health_status, oom, …) re-inspects that one
 *   container (or drops it on destroy). No list call (inventory-events.ts).
 * - A warm request is answered from memory: **zero Docker calls**. The human
 *   status text ("Up 5 minutes") is derived at answer time from StartedAt /
 *   FinishedAt (`lib/sysbox/container-status.ts`), never a cached string.
 * - A slow safety re-list (every 60 s, off the request path) compares Docker's
 *   list with the cache; a difference would be a bug in the above: it is
 *   counted (`inventoryStats().safetyDifferences`), logged and repaired.
 * - While the stream is down, each request lists (one Docker call) and
 *   re-inspects entries whose list line changed, and the stream is retried in
 *   the background every 5 s.
 */
export function cacheFor(host: HostConfig): HostCache {
  let c = caches.get(host.id);
  if (c && JSON.stringify(c.host.docker) !== JSON.stringify(host.docker)) {
    // The hosts file now points this id elsewhere: start over.
    resetContainerInventory(host.id);
    c = undefined;
  }
  if (!c) {
    c = newHostCache(host);
    caches.set(host.id, c);
  }
  c.host = host;
  return c;
}

/** Every known container, newest first (as Docker lists them). */
export function ordered(cache: HostCache): ContainerFacts[] {
  return [...cache.entries.values()].sort(newestFirst).map((e) => e.facts);
}

/** `ordered` of a complete, unchanged inventory is sorted once per change (every entry change bumps `version`). */
function orderedOnce(cache: HostCache): ContainerFacts[] {
  if (cache.sorted?.version !== cache.version) cache.sorted = { version: cache.version, list: ordered(cache) };
  return cache.sorted.list;
}

export function withStatusNow(f: ContainerFacts, now: number): ContainerFacts {
  return { ...f, container: { ...f.container, state: f.timing.status || f.container.state, status: containerStatusText(f.timing, now) } };
}

/** Brings the cache up to date: events connected and synced (0 Docker calls when warm), else one list. */
async function refreshCache(host: HostConfig, cache: HostCache): Promise<void> {
  await ensureEvents(host, cache);
  if (cache.events.live && !cache.synced) await syncShared(host, cache);
  // Event inspects in flight finish first, so an answer never predates an event already received.
  if (cache.refreshing.size > 0) await Promise.all([...cache.refreshing.values()]);
  if (cache.events.live && cache.synced) return;
  // The stream is down: Docker's list is the only truth.
  const differences = await listAndDiff(host, cache);
  if (differences > 0) cache.version += 1;
}

/**
 * What the probe knows of every container of `host` (running or not), before
 * evaluation, complete (it waits for a cold start's fill). See the module
 * comment. Throws DockerUnreachableError / AppError when Docker cannot be listed.
 */
export async function getContainerFacts(host: HostConfig): Promise<ContainerFacts[]> {
  const cache = cacheFor(host);
  await refreshCache(host, cache);
  const now = Date.now();
  return orderedOnce(cache).map((f) => withStatusNow(f, now));
}

/** Every container of `host` (running or not), with findings (see getContainerFacts). */
export async function getContainerInventory(host: HostConfig): Promise<Container[]> {
  const cache = cacheFor(host);
  await refreshCache(host, cache);
  // Findings only change with the inventory: evaluate once per change, then only the status text is per answer.
  if (!cache.evaluated || cache.evaluated.version !== cache.version) {
    cache.evaluated = { version: cache.version, list: evaluateContainers(orderedOnce(cache)) };
  }
  const now = Date.now();
  const timing = new Map<string, ContainerFacts['timing']>();
  for (const e of cache.entries.values()) timing.set(e.facts.container.id, e.facts.timing);
  return cache.evaluated.list.map((c) => {
    const t = timing.get(c.id);
    return t ? { ...c, state: t.status || c.state, status: containerStatusText(t, now) } : c;
  });
}

/** Subscribes to a host's inventory changes (live pages); opens the Docker event stream if needed. Returns the unsubscribe. */
export function subscribeInventory(host: HostConfig, listener: (change: InventoryChange) => void): () => void {
  const cache = cacheFor(host);
  cache.listeners.add(listener);
  void ensureEvents(host, cache).then(() => {
    if (cache.events.live && !cache.synced)
      void syncShared(host, cache).catch((err: unknown) => {
        console.warn(`[inventory] listing host ${host.id} for a live page failed:`, err instanceof Error ? err.message : err);
      });
  });
  return () => {
    cache.listeners.delete(listener);
  };
}

/** Changes whenever any container entry of `hostId` changes (the status refresh skips re-evaluating an unchanged host). */
export function inventoryVersion(hostId: string): number | null {
  const c = caches.get(hostId);
  return c ? c.version : null;
}

/** Whether the inventory of `hostId` is currently kept by a live Docker event stream. */
export function inventoryLive(hostId: string): boolean {
  return caches.get(hostId)?.events.live ?? false;
}

/** Counters for tests and the benchmark: Docker requests made by the inventory of one host. */
export function inventoryStats(hostId: string): InventoryStatsCounters & { eventsLive: boolean; synced: boolean; complete: boolean } {
  const c = caches.get(hostId);
  return c
    ? { ...c.stats, eventsLive: c.events.live, synced: c.synced, complete: c.synced && c.partial === null }
    : { lists: 0, inspects: 0, idMapReads: 0, syncs: 0, safetyRelists: 0, safetyDifferences: 0, storeHits: 0, eventsLive: false, synced: false, complete: false };
}

/** Forgets a host's cache and closes its event stream (tests; host removed). */
export function resetContainerInventory(hostId: string): void {
  const c = caches.get(hostId);
  if (!c) return;
  caches.delete(hostId);
  if (c.events.retry) clearTimeout(c.events.retry);
  if (c.safety) clearInterval(c.safety);
  const s = c.events.stream;
  c.events.stream = null;
  c.events.live = false;
  s?.destroy();
}
