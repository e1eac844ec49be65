import 'server-only';
import type { Readable } from 'node:stream';
import { dockerEvents, dockerGet, DockerNotFoundError } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import { evaluateContainers } from '@/lib/sysbox/container-findings';
import type { Container, ContainerFacts } from '@/lib/sysbox/container-schema';
import { readIdMap } from './idmap-probe';
import { inspectSchema, listEntryKey, listSchema, toContainerFacts, type ListEntry } from './inspect';

/**
 * The container inventory of one host: `/containers/json?all=1` on every call,
 * and an inspect (+ /proc id-map read) only for containers that are new or
 * changed. A container counts as changed when Docker's event stream says so or,
 * when the event stream is down, when its list entry (state, names, image,
 * mounts, status text) differs. A warm call therefore costs exactly one Docker
 * request. Misses are inspected with bounded concurrency.
 */
export const INSPECT_CONCURRENCY = 16;
const EVENTS_RETRY_MS = 5_000;

/** Event actions that do not change what the inventory shows. */
const IGNORED_ACTIONS = /^(exec_|health_status|top$|attach$|resize$|export$|commit$|copy$|archive-path$|extract-to-dir$)/;

interface Entry {
  key: string;
  facts: ContainerFacts;
}

interface HostCache {
  entries: Map<string, Entry>;
  /** Bumped on every relevant event; an inspect started before an event for its id is not cached. */
  seq: number;
  invalidatedAt: Map<string, number>;
  /** Inspects in flight, by container id and list key: concurrent requests share them. */
  pending: Map<string, Promise<ContainerFacts | null>>;
  events: { stream: Readable | null; live: boolean; lastAttempt: number; connecting: Promise<void> | null };
  stats: { lists: number; inspects: number; idMapReads: number };
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
  if (!c) {
    c = {
      entries: new Map(),
      seq: 0,
      invalidatedAt: new Map(),
      pending: new Map(),
      events: { stream: null, live: false, lastAttempt: 0, connecting: null },
      stats: { lists: 0, inspects: 0, idMapReads: 0 },
    };
    caches.set(host.id, c);
  }
  return c;
}

function invalidate(cache: HostCache, id: string): void {
  cache.seq += 1;
  cache.invalidatedAt.set(id, cache.seq);
  cache.entries.delete(id);
}

function onEventChunk(cache: HostCache, text: string): void {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch (err) {
      // A partial or garbled event: we cannot tell which container changed, so forget them all.
      console.warn('[inventory] unreadable Docker event, dropping the cache', err instanceof Error ? err.message : err);
      cache.entries.clear();
      continue;
    }
    const e = ev as { Type?: unknown; Action?: unknown; status?: unknown; id?: unknown; Actor?: { ID?: unknown } };
    if (e.Type !== undefined && e.Type !== 'container') continue;
    const action = typeof e.Action === 'string' ? e.Action : typeof e.status === 'string' ? e.status : '';
    if (IGNORED_ACTIONS.test(action)) continue;
    const id = typeof e.Actor?.ID === 'string' ? e.Actor.ID : typeof e.id === 'string' ? e.id : null;
    if (id) invalidate(cache, id);
  }
}

/** Subscribes to container events once (and again after a failure, at most every 5 s). */
async function ensureEvents(host: HostConfig, cache: HostCache): Promise<void> {
  const ev = cache.events;
  if (ev.live) return;
  // A subscription in flight is shared: a request arriving meanwhile must not go on
  // without it (its cache keys would differ, and it would redo every inspect).
  if (ev.connecting) return ev.connecting;
  if (Date.now() - ev.lastAttempt < EVENTS_RETRY_MS) return;
  ev.lastAttempt = Date.now();
  ev.connecting = (async () => {
    try {
      const stream = await dockerEvents(host, { type: ['container'] });
      // The client's per-request idle timeout (DOCKER_TIMEOUT_MS) would cut a quiet event stream: lift it for this one.
      const socket = (stream as Readable & { socket?: { setTimeout?: (ms: number) => void } }).socket;
      socket?.setTimeout?.(0);
      // Events may have been missed while we were not listening: start from scratch.
      cache.entries.clear();
      ev.stream = stream;
      ev.live = true;
      let buffered = '';
      stream.on('data', (chunk: Buffer | string) => {
        buffered += chunk.toString();
        const cut = buffered.lastIndexOf('\n');
        if (cut < 0) return;
        onEventChunk(cache, buffered.slice(0, cut));
        buffered = buffered.slice(cut + 1);
      });
      const down = (why: string) => () => {
        if (ev.stream !== stream) return;
        console.warn(`[inventory] Docker event stream for host ${host.id} ${why}; falling back to list comparison`);
        ev.live = false;
        ev.stream = null;
      };
      stream.on('error', down('failed'));
      stream.on('end', down('ended'));
      stream.on('close', down('closed'));
    } catch (err) {
      console.warn(`[inventory] cannot subscribe to Docker events on host ${host.id}:`, err instanceof Error ? err.message : err);
      ev.live = false;
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

function inspectShared(host: HostConfig, cache: HostCache, entry: ListEntry, key: string): Promise<ContainerFacts | null> {
  const pendingKey = `${entry.Id}|${key}|${cache.invalidatedAt.get(entry.Id) ?? 0}`;
  const existing = cache.pending.get(pendingKey);
  if (existing) return existing;
  const p = inspectOne(host, cache, entry, key).finally(() => cache.pending.delete(pendingKey));
  cache.pending.set(pendingKey, p);
  return p;
}

async function inspectOne(host: HostConfig, cache: HostCache, entry: ListEntry, key: string): Promise<ContainerFacts | null> {
  const startedSeq = cache.seq;
  let raw: unknown;
  try {
    cache.stats.inspects += 1;
    raw = await dockerGet(host, `/containers/${entry.Id}/json`);
  } catch (err) {
    // Removed between the list and the inspect: it is simply gone.
    if (err instanceof DockerNotFoundError) return null;
    throw err;
  }
  const inspect = inspectSchema.parse(raw);
  cache.stats.idMapReads += inspect.State.Running ? 1 : 0;
  const reading = await readIdMap(host, inspect.State.Running, inspect.State.Pid);
  const facts = toContainerFacts(inspect, reading);
  if ((cache.invalidatedAt.get(entry.Id) ?? 0) <= startedSeq) {
    cache.entries.set(entry.Id, { key, facts });
  }
  return facts;
}

/**
 * What the probe knows of every container of `host` (running or not), before
 * evaluation. Cached per container id; see the module comment. Throws
 * DockerUnreachableError / AppError when Docker cannot be listed.
 */
export async function getContainerFacts(host: HostConfig): Promise<ContainerFacts[]> {
  const cache = cacheFor(host);
  await ensureEvents(host, cache);
  cache.stats.lists += 1;
  const list = listSchema.parse(await dockerGet(host, '/containers/json', { query: { all: true } }));
  const withStatus = !cache.events.live;
  const seen = new Set<string>();
  const facts: (ContainerFacts | null)[] = new Array<ContainerFacts | null>(list.length).fill(null);
  const misses: { index: number; entry: ListEntry; key: string }[] = [];
  list.forEach((entry, index) => {
    seen.add(entry.Id);
    const key = listEntryKey(entry, withStatus);
    const hit = cache.entries.get(entry.Id);
    if (hit && hit.key === key) facts[index] = hit.facts;
    else misses.push({ index, entry, key });
  });
  const fresh = await mapWithConcurrency(misses, INSPECT_CONCURRENCY, (m) => inspectShared(host, cache, m.entry, m.key));
  misses.forEach((m, i) => {
    facts[m.index] = fresh[i] ?? null;
  });
  for (const id of cache.entries.keys()) if (!seen.has(id)) cache.entries.delete(id);
  // Invalidation marks only matter for containers that still exist (an inspect of them may be in flight).
  for (const id of cache.invalidatedAt.keys()) if (!seen.has(id)) cache.invalidatedAt.delete(id);

  const present: ContainerFacts[] = [];
  list.forEach((entry, index) => {
    const f = facts[index];
    if (!f) return;
    // State and the human status text come from the list: always current.
    present.push({ ...f, container: { ...f.container, state: entry.State || f.container.state, status: entry.Status || f.container.status } });
  });
  recent.set(host.id, { at: Date.now(), facts: present });
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
  return evaluateContainers(await getContainerFacts(host));
}

/** Counters for tests and the benchmark: Docker requests made by the inventory of one host. */
export function inventoryStats(hostId: string): { lists: number; inspects: number; idMapReads: number; eventsLive: boolean } {
  const c = caches.get(hostId);
  return c ? { ...c.stats, eventsLive: c.events.live } : { lists: 0, inspects: 0, idMapReads: 0, eventsLive: false };
}

/** Forgets a host's cache and closes its event stream (tests; host removed). */
export function resetContainerInventory(hostId: string): void {
  recent.delete(hostId);
  const c = caches.get(hostId);
  if (!c) return;
  caches.delete(hostId);
  const s = c.events.stream;
  c.events.stream = null;
  c.events.live = false;
  s?.destroy();
}
