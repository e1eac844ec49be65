import 'server-only';
import type { Readable } from 'node:stream';
import { dockerEvents, dockerGet, DockerNotFoundError } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import { recordDockerEvent } from '@/lib/server/history/recorder';
import { evaluateContainers } from '@/lib/sysbox/container-findings';
import type { Container, ContainerFacts } from '@/lib/sysbox/container-schema';
import { containerStatusText } from '@/lib/sysbox/container-status';
import { readIdMap } from './idmap-probe';
import { inspectSchema, listEntryKey, listSchema, type ListEntry } from './inspect';
import { toContainerFacts } from './inspect';

/**
 * The container inventory of one host, kept coherent by Docker's `/events`
 * stream (one per host, shared by every request and every live page):
 *
 * - When the stream (re)connects: one `/containers/json?all=1`, diffed against
 *   what is cached; only new or changed containers are inspected (16 at a time).
 * - Then every container event (create, start, die, stop, kill, destroy,
 *   rename, update, pause, health_status, oom, …) re-inspects that one
 *   container (or drops it on destroy). No list call.
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
export const INSPECT_CONCURRENCY = 16;
const EVENTS_RETRY_MS = 5_000;
export const SAFETY_RELIST_MS = 60_000;

/** Event actions that do not change what the inventory shows (Docker's action names, see moby api/types/events). */
const IGNORED_ACTIONS = /^(exec_|top$|attach$|detach$|resize$|export$|commit$|copy$|archive-path$|extract-to-dir$)/;

interface Entry {
  /** listEntryKey of the list line this entry was checked against; null when it came from an event inspect. */
  key: string | null;
  facts: ContainerFacts;
  createdMs: number;
}

/** What changed, for live pages (app/api/v1/hosts/[host]/events). */
export type InventoryChange =
  | { kind: 'container'; id: string; action: string; removed: boolean }
  | { kind: 'resync' }
  /** A daemon event such as `reload` (daemon.json re-read): the host status may change, the containers do not. */
  | { kind: 'daemon'; action: string }
  | { kind: 'stream'; live: boolean };

interface HostCache {
  host: HostConfig;
  entries: Map<string, Entry>;
  /** True while `entries` mirrors Docker: the stream is live and the list taken at connect time was applied. */
  synced: boolean;
  syncing: Promise<void> | null;
  /** Counts every container event received. */
  eventCounter: number;
  /** Per container: the eventCounter of its latest event; an inspect started before it is not applied. */
  eventSeq: Map<string, number>;
  /** Event-driven inspects in flight, by container id. */
  refreshing: Map<string, Promise<void>>;
  rerun: Set<string>;
  /** Inspects from list diffs in flight: concurrent requests share them. */
  pending: Map<string, Promise<ContainerFacts | null>>;
  events: { stream: Readable | null; live: boolean; lastAttempt: number; connecting: Promise<void> | null; retry: NodeJS.Timeout | null };
  safety: NodeJS.Timeout | null;
  /** Evaluated inventory, kept until the next change. */
  evaluated: { version: number; list: Container[] } | null;
  version: number;
  listeners: Set<(change: InventoryChange) => void>;
  stats: { lists: number; inspects: number; idMapReads: number; syncs: number; safetyRelists: number; safetyDifferences: number };
}

const globalForInventory = globalThis as unknown as {
  __ksdInventory?: Map<string, HostCache>;
  __ksdInventoryRecent?: Map<string, { at: number; facts: ContainerFacts[] }>;
};
const caches = (globalForInventory.__ksdInventory ??= new Map<string, HostCache>());
/** The last facts returned per host and when: GET /metrics reuses them (getRecentContainerFacts). */
const recent = (globalForInventory.__ksdInventoryRecent ??= new Map<string, { at: number; facts: ContainerFacts[] }>());

function cacheFor(host: HostConfig): HostCache {
  let c = caches.get(host.id);
  if (c && JSON.stringify(c.host.docker) !== JSON.stringify(host.docker)) {
    // The hosts file now points this id elsewhere: start over.
    resetContainerInventory(host.id);
    c = undefined;
  }
  if (!c) {
    c = {
      host,
      entries: new Map(),
      synced: false,
      syncing: null,
      eventCounter: 0,
      eventSeq: new Map(),
      refreshing: new Map(),
      rerun: new Set(),
      pending: new Map(),
      events: { stream: null, live: false, lastAttempt: 0, connecting: null, retry: null },
      safety: null,
      evaluated: null,
      version: 0,
      listeners: new Set(),
      stats: { lists: 0, inspects: 0, idMapReads: 0, syncs: 0, safetyRelists: 0, safetyDifferences: 0 },
    };
    caches.set(host.id, c);
  }
  c.host = host;
  return c;
}

function emit(cache: HostCache, change: InventoryChange): void {
  if (change.kind === 'container' || change.kind === 'resync') cache.version += 1;
  for (const l of cache.listeners) {
    try {
      l(change);
    } catch (err) {
      console.error('[inventory] a change listener failed', err);
    }
  }
}

function setEntry(cache: HostCache, facts: ContainerFacts, key: string | null): void {
  const createdMs = Date.parse(facts.container.createdAt);
  cache.entries.set(facts.container.id, { key, facts, createdMs: Number.isNaN(createdMs) ? 0 : createdMs });
}

/** Inspect + id-map read of one container; null when it no longer exists. */
async function inspectFacts(host: HostConfig, cache: HostCache, id: string): Promise<ContainerFacts | null> {
  let raw: unknown;
  try {
    cache.stats.inspects += 1;
    raw = await dockerGet(host, `/containers/${id}/json`);
  } catch (err) {
    // Removed between the list (or event) and the inspect: it is simply gone.
    if (err instanceof DockerNotFoundError) return null;
    throw err;
  }
  const inspect = inspectSchema.parse(raw);
  cache.stats.idMapReads += inspect.State.Running ? 1 : 0;
  const reading = await readIdMap(host, inspect.State.Running, inspect.State.Pid);
  return toContainerFacts(inspect, reading);
}

/** An event for `id`: re-inspect it (coalescing bursts), or drop it on destroy. */
function onContainerEvent(cache: HostCache, id: string, action: string): void {
  cache.eventCounter += 1;
  cache.eventSeq.set(id, cache.eventCounter);
  if (action === 'destroy') {
    cache.rerun.delete(id);
    if (cache.entries.delete(id)) emit(cache, { kind: 'container', id, action, removed: true });
    return;
  }
  if (cache.refreshing.has(id)) {
    cache.rerun.add(id);
    return;
  }
  const host = cache.host;
  const run = async () => {
    do {
      cache.rerun.delete(id);
      const startSeq = cache.eventSeq.get(id);
      const facts = await inspectFacts(host, cache, id);
      if (cache.eventSeq.get(id) !== startSeq) continue; // a newer event: rerun is set unless it was a destroy
      if (facts) setEntry(cache, facts, null);
      else cache.entries.delete(id);
      emit(cache, { kind: 'container', id, action, removed: facts === null });
    } while (cache.rerun.has(id));
  };
  const p = run()
    .catch((err: unknown) => {
      // Docker went away mid-inspect: the stream ends too, and the next connect re-lists.
      console.warn(`[inventory] cannot inspect ${id.slice(0, 12)} after a ${action} event on host ${host.id}:`, err instanceof Error ? err.message : err);
      cache.synced = false;
    })
    .finally(() => cache.refreshing.delete(id));
  cache.refreshing.set(id, p);
}

function onEventLines(cache: HostCache, text: string): void {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch (err) {
      // A garbled event: we cannot tell which container changed, so re-list.
      console.warn('[inventory] unreadable Docker event, re-listing', err instanceof Error ? err.message : err);
      cache.synced = false;
      continue;
    }
    void recordDockerEvent(cache.host, ev); // history: failed sessions (lib/server/history/recorder.ts)
    const e = ev as { Type?: unknown; Action?: unknown; status?: unknown; id?: unknown; Actor?: { ID?: unknown; Attributes?: { container?: unknown } } };
    const action = typeof e.Action === 'string' ? e.Action : typeof e.status === 'string' ? e.status : '';
    if (e.Type === 'daemon') {
      emit(cache, { kind: 'daemon', action });
      continue;
    }
    if (e.Type === 'network') {
      // A failed start (e.g. a Sysbox runtime error) emits no container event at all, only the network
      // cleanup's `network disconnect` with Actor.Attributes.container (seen on dockerd 26-28, even with
      // --network none); State.Error changes then, so re-inspect that container.
      const cid = e.Actor?.Attributes?.container;
      if (action === 'disconnect' && typeof cid === 'string' && cache.entries.has(cid)) onContainerEvent(cache, cid, 'network-disconnect');
      continue;
    }
    if (e.Type !== undefined && e.Type !== 'container') continue;
    if (IGNORED_ACTIONS.test(action)) continue;
    const id = typeof e.Actor?.ID === 'string' ? e.Actor.ID : typeof e.id === 'string' ? e.id : null;
    // "health_status: healthy" → "health_status"
    if (id) onContainerEvent(cache, id, action.split(':')[0] ?? action);
  }
}

function scheduleReconnect(cache: HostCache): void {
  const ev = cache.events;
  if (ev.retry || caches.get(cache.host.id) !== cache) return;
  ev.retry = setTimeout(() => {
    ev.retry = null;
    if (caches.get(cache.host.id) !== cache || ev.live) return;
    void ensureEvents(cache.host, cache).then(() => {
      if (ev.live) void syncShared(cache.host, cache).catch(() => undefined);
      else scheduleReconnect(cache);
    });
  }, EVENTS_RETRY_MS);
  ev.retry.unref();
}

/** Subscribes to container events once (and again after a failure, at most every 5 s). */
async function ensureEvents(host: HostConfig, cache: HostCache): Promise<void> {
  const ev = cache.events;
  if (ev.live) return;
  // A subscription in flight is shared: a request arriving meanwhile waits for it.
  if (ev.connecting) return ev.connecting;
  if (Date.now() - ev.lastAttempt < EVENTS_RETRY_MS) return;
  ev.lastAttempt = Date.now();
  ev.connecting = (async () => {
    try {
      const stream = await dockerEvents(host, { type: ['container', 'daemon', 'network'] });
      // The client's per-request idle timeout (DOCKER_TIMEOUT_MS) would cut a quiet event stream: lift it for this one.
      const socket = (stream as Readable & { socket?: { setTimeout?: (ms: number) => void } }).socket;
      socket?.setTimeout?.(0);
      // Events may have been missed while we were not listening: the next answer re-lists first.
      cache.synced = false;
      ev.stream = stream;
      ev.live = true;
      emit(cache, { kind: 'stream', live: true });
      let buffered = '';
      stream.on('data', (chunk: Buffer | string) => {
        buffered += chunk.toString();
        const cut = buffered.lastIndexOf('\n');
        if (cut < 0) return;
        onEventLines(cache, buffered.slice(0, cut));
        buffered = buffered.slice(cut + 1);
      });
      const down = (why: string) => () => {
        if (ev.stream !== stream) return;
        console.warn(`[inventory] Docker event stream for host ${host.id} ${why}; listing on each request until it is back`);
        ev.live = false;
        ev.stream = null;
        cache.synced = false;
        emit(cache, { kind: 'stream', live: false });
        scheduleReconnect(cache);
      };
      stream.on('error', down('failed'));
      stream.on('end', down('ended'));
      stream.on('close', down('closed'));
    } catch (err) {
      console.warn(`[inventory] cannot subscribe to Docker events on host ${host.id}:`, err instanceof Error ? err.message : err);
      ev.live = false;
      scheduleReconnect(cache);
    } finally {
      ev.connecting = null;
    }
  })();
  return ev.connecting;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Whether a cached entry still matches Docker's list line (state, names, image, mounts, and the status text it implies now). */
function entryMatches(hit: Entry | undefined, entry: ListEntry, now: number): boolean {
  if (!hit) return false;
  if (hit.key !== null && hit.key !== listEntryKey(entry, false)) return false;
  if (hit.key === null && (hit.facts.container.state !== entry.State || !entry.Names.includes(`/${hit.facts.container.name}`))) return false;
  // "Up 5 minutes" from our StartedAt must be what Docker says: a restart while we were not listening shows here.
  // Docker computed its text a moment before `now`, so a unit boundary in between is not a difference.
  return [0, 1_000, 2_000].some((back) => containerStatusText(hit.facts.timing, now - back) === entry.Status);
}

function inspectShared(host: HostConfig, cache: HostCache, entry: ListEntry, key: string): Promise<ContainerFacts | null> {
  const pendingKey = `${entry.Id}|${key}|${cache.eventSeq.get(entry.Id) ?? 0}`;
  const existing = cache.pending.get(pendingKey);
  if (existing) return existing;
  const startSeq = cache.eventSeq.get(entry.Id) ?? 0;
  const p = inspectFacts(host, cache, entry.Id)
    .then((facts) => {
      // An event for this id while we inspected: its own inspect is newer, keep that one.
      if (facts && (cache.eventSeq.get(entry.Id) ?? 0) === startSeq) setEntry(cache, facts, key);
      return facts;
    })
    .finally(() => cache.pending.delete(pendingKey));
  cache.pending.set(pendingKey, p);
  return p;
}

/**
 * One `/containers/json?all=1`, diffed against the cache: new and changed
 * containers are inspected, vanished ones dropped. Returns how many entries
 * differed (new, changed or gone).
 */
async function listAndDiff(host: HostConfig, cache: HostCache): Promise<{ list: ListEntry[]; differences: number }> {
  cache.stats.lists += 1;
  const listedAfter = cache.eventCounter;
  const list = listSchema.parse(await dockerGet(host, '/containers/json', { query: { all: true } }));
  const now = Date.now();
  const seen = new Set<string>();
  const misses: { entry: ListEntry; key: string }[] = [];
  for (const entry of list) {
    seen.add(entry.Id);
    if (!entryMatches(cache.entries.get(entry.Id), entry, now)) misses.push({ entry, key: listEntryKey(entry, false) });
  }
  await mapWithConcurrency(misses, INSPECT_CONCURRENCY, (m) => inspectShared(host, cache, m.entry, m.key));
  let gone = 0;
  for (const id of cache.entries.keys()) {
    // An id created after the list was taken is known from its event: keep it.
    if (!seen.has(id) && (cache.eventSeq.get(id) ?? 0) <= listedAfter) {
      cache.entries.delete(id);
      gone += 1;
    }
  }
  for (const id of cache.eventSeq.keys()) if (!seen.has(id) && !cache.entries.has(id) && !cache.refreshing.has(id)) cache.eventSeq.delete(id);
  return { list, differences: misses.length + gone };
}

/** The re-list after a (re)connect, shared by concurrent requests. */
function syncShared(host: HostConfig, cache: HostCache): Promise<void> {
  if (cache.syncing) return cache.syncing;
  cache.syncing = (async () => {
    try {
      await listAndDiff(host, cache);
      cache.stats.syncs += 1;
      cache.synced = cache.events.live;
      emit(cache, { kind: 'resync' });
      startSafetyRelist(cache);
    } finally {
      cache.syncing = null;
    }
  })();
  return cache.syncing;
}

function startSafetyRelist(cache: HostCache): void {
  if (cache.safety) return;
  cache.safety = setInterval(() => {
    if (!cache.synced || cache.syncing) return;
    void safetyRelist(cache.host.id).catch((err: unknown) => {
      console.warn(`[inventory] safety re-list of host ${cache.host.id} failed:`, err instanceof Error ? err.message : err);
    });
  }, SAFETY_RELIST_MS);
  cache.safety.unref();
}

/**
 * The slow safety re-list (every 60 s while events are live; tests call it
 * directly). With a healthy event stream it finds nothing; when it does, that
 * is a bug: logged, counted and repaired. Returns the number of differences.
 */
export async function safetyRelist(hostId: string): Promise<number> {
  const cache = caches.get(hostId);
  if (!cache || !cache.synced) return 0;
  // Event inspects in flight are not differences: let them land first.
  await Promise.all([...cache.refreshing.values()]);
  cache.stats.safetyRelists += 1;
  const { differences } = await listAndDiff(cache.host, cache);
  if (differences > 0) {
    cache.stats.safetyDifferences += differences;
    console.error(`[inventory] safety re-list of host ${hostId} found ${differences} container(s) the event stream had not updated (repaired); this is a bug`);
    emit(cache, { kind: 'resync' });
  }
  return differences;
}

function ordered(cache: HostCache): ContainerFacts[] {
  // Docker lists newest first.
  return [...cache.entries.values()].sort((a, b) => b.createdMs - a.createdMs || (a.facts.container.id < b.facts.container.id ? -1 : 1)).map((e) => e.facts);
}

function withStatusNow(f: ContainerFacts, now: number): ContainerFacts {
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
  const { differences } = await listAndDiff(host, cache);
  if (differences > 0) cache.version += 1;
}

/**
 * What the probe knows of every container of `host` (running or not), before
 * evaluation. See the module comment. Throws DockerUnreachableError /
 * AppError when Docker cannot be listed.
 */
export async function getContainerFacts(host: HostConfig): Promise<ContainerFacts[]> {
  const cache = cacheFor(host);
  await refreshCache(host, cache);
  const now = Date.now();
  const present = ordered(cache).map((f) => withStatusNow(f, now));
  recent.set(host.id, { at: now, facts: present });
  return present;
}

/**
 * The facts of the last getContainerFacts call of `host` when at most
 * `maxAgeMs` old (the status probe and the Containers page both refresh them),
 * else a fresh call: a scrape then adds no Docker request while pages poll.
 */
export function getRecentContainerFacts(host: HostConfig, maxAgeMs: number): Promise<ContainerFacts[]> {
  const r = recent.get(host.id);
  if (r && Date.now() - r.at <= maxAgeMs) return Promise.resolve(r.facts);
  return getContainerFacts(host);
}

/** Every container of `host` (running or not), with findings (see getContainerFacts). */
export async function getContainerInventory(host: HostConfig): Promise<Container[]> {
  const cache = cacheFor(host);
  await refreshCache(host, cache);
  // Findings only change with the inventory: evaluate once per change, then only the status text is per answer.
  if (!cache.evaluated || cache.evaluated.version !== cache.version) {
    cache.evaluated = { version: cache.version, list: evaluateContainers(ordered(cache)) };
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
    if (cache.events.live && !cache.synced) void syncShared(host, cache).catch(() => undefined);
  });
  return () => {
    cache.listeners.delete(listener);
  };
}

/** Whether the inventory of `hostId` is currently kept by a live Docker event stream. */
export function inventoryLive(hostId: string): boolean {
  return caches.get(hostId)?.events.live ?? false;
}

/** Counters for tests and the benchmark: Docker requests made by the inventory of one host. */
export function inventoryStats(hostId: string): {
  lists: number;
  inspects: number;
  idMapReads: number;
  syncs: number;
  safetyRelists: number;
  safetyDifferences: number;
  eventsLive: boolean;
  synced: boolean;
} {
  const c = caches.get(hostId);
  return c
    ? { ...c.stats, eventsLive: c.events.live, synced: c.synced }
    : { lists: 0, inspects: 0, idMapReads: 0, syncs: 0, safetyRelists: 0, safetyDifferences: 0, eventsLive: false, synced: false };
}

/** Forgets a host's cache and closes its event stream (tests; host removed). */
export function resetContainerInventory(hostId: string): void {
  recent.delete(hostId);
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
