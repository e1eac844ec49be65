import 'server-only';
import type { Readable } from 'node:stream';
import { dockerGet, DockerNotFoundError } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import type { Container, ContainerFacts } from '@/lib/sysbox/container-schema';
import { readIdMap } from './idmap-probe';
import { inspectSchema, toContainerFacts, type Inspect, type ListEntry } from './inspect';

/** The per-host state of the events-kept inventory (see inventory.ts for how it is kept). */
export const INSPECT_CONCURRENCY = 16;
export const EVENTS_RETRY_MS = 5_000;
export const SAFETY_RELIST_MS = 60_000;

export interface Entry {
  /** listEntryKey of the list line this entry was checked against; null when it came from an event inspect or the facts store. */
  key: string | null;
  facts: ContainerFacts;
  createdMs: number;
  /** Nanoseconds past createdMs: Docker lists newest first at nanosecond precision (Created is RFC 3339 with nanoseconds). */
  createdSubMs: number;
}

/** What changed, for live pages (app/api/v1/hosts/[host]/events). */
export type InventoryChange =
  | { kind: 'container'; id: string; action: string; removed: boolean }
  | { kind: 'resync' }
  /** A daemon event such as `reload` (daemon.json re-read): the host status may change, the containers do not. */
  | { kind: 'daemon'; action: string }
  | { kind: 'stream'; live: boolean };

export interface InventoryStatsCounters {
  lists: number;
  inspects: number;
  idMapReads: number;
  syncs: number;
  safetyRelists: number;
  safetyDifferences: number;
  /** Containers taken from the facts store (DASHBOARD_DATA_DIR) instead of an inspect. */
  storeHits: number;
}

export interface HostCache {
  host: HostConfig;
  entries: Map<string, Entry>;
  /** True while `entries` mirrors Docker: the stream is live and the list taken at connect time was applied and filled. */
  synced: boolean;
  syncing: Promise<void> | null;
  /**
   * Cold start: Docker's list (newest first, as Docker orders it) whose
   * containers are not all inspected yet, and the ones still missing. Null
   * once the background fill has inspected them all (then `entries` is complete).
   */
  partial: { order: ListEntry[]; missing: Map<string, { entry: ListEntry; key: string }> } | null;
  /** The list taken at (re)connect, shared by concurrent requests (the fill runs after it, in the background). */
  listing: Promise<void> | null;
  /** Inspects a page request is waiting for (first-page.ts): the background fill lets them go first. */
  pageWork: Set<Promise<unknown>>;
  /** Whether the facts store (DASHBOARD_DATA_DIR) was read for this host: once, at the first list. */
  storeLoaded: boolean;
  /** Counts every container event received. */
  eventCounter: number;
  /** Per container: the eventCounter of its latest event; an inspect started before it is not applied. */
  eventSeq: Map<string, number>;
  /** Event-driven inspects in flight, by container id. */
  refreshing: Map<string, Promise<void>>;
  rerun: Set<string>;
  /** Inspects from list diffs in flight: concurrent requests and the background fill share them. */
  pending: Map<string, Promise<ContainerFacts | null>>;
  events: { stream: Readable | null; live: boolean; lastAttempt: number; connecting: Promise<void> | null; retry: NodeJS.Timeout | null };
  safety: NodeJS.Timeout | null;
  /** Evaluated inventory, kept until the next change. */
  evaluated: { version: number; list: Container[] } | null;
  /** The entries newest first, kept until the next change (the status probe reads them every refresh). */
  sorted: { version: number; list: ContainerFacts[] } | null;
  version: number;
  listeners: Set<(change: InventoryChange) => void>;
  stats: InventoryStatsCounters;
}

const globalForInventory = globalThis as unknown as { __ksdInventory?: Map<string, HostCache> };
export const caches = (globalForInventory.__ksdInventory ??= new Map<string, HostCache>());

export function newHostCache(host: HostConfig): HostCache {
  return {
    host,
    entries: new Map(),
    synced: false,
    syncing: null,
    partial: null,
    listing: null,
    pageWork: new Set(),
    storeLoaded: false,
    eventCounter: 0,
    eventSeq: new Map(),
    refreshing: new Map(),
    rerun: new Set(),
    pending: new Map(),
    events: { stream: null, live: false, lastAttempt: 0, connecting: null, retry: null },
    safety: null,
    evaluated: null,
    sorted: null,
    version: 0,
    listeners: new Set(),
    stats: { lists: 0, inspects: 0, idMapReads: 0, syncs: 0, safetyRelists: 0, safetyDifferences: 0, storeHits: 0 },
  };
}

export function emit(cache: HostCache, change: InventoryChange): void {
  if (change.kind === 'container' || change.kind === 'resync') cache.version += 1;
  for (const l of cache.listeners) {
    try {
      l(change);
    } catch (err) {
      console.error('[inventory] a change listener failed', err);
    }
  }
}

/** Newest first, as Docker lists containers; ties by id. */
export function newestFirst(a: Entry, b: Entry): number {
  return b.createdMs - a.createdMs || b.createdSubMs - a.createdSubMs || (a.facts.container.id < b.facts.container.id ? -1 : 1);
}

export function setEntry(cache: HostCache, facts: ContainerFacts, key: string | null): void {
  const createdMs = Date.parse(facts.container.createdAt);
  const fraction = /\.(\d+)/.exec(facts.container.createdAt)?.[1] ?? '';
  const createdSubMs = Number(fraction.padEnd(9, '0').slice(3, 9));
  cache.entries.set(facts.container.id, { key, facts, createdMs: Number.isNaN(createdMs) ? 0 : createdMs, createdSubMs });
  cache.partial?.missing.delete(facts.container.id);
}

/** Drops a container everywhere (destroyed, or gone from Docker's list). */
export function dropEntry(cache: HostCache, id: string): boolean {
  const had = cache.entries.delete(id);
  if (cache.partial) {
    cache.partial.missing.delete(id);
    cache.partial.order = cache.partial.order.filter((e) => e.Id !== id);
  }
  return had;
}

/** Facts from an inspect answer (or a stored one): re-reads the id map of a running container from /proc. */
export async function factsOf(host: HostConfig, cache: HostCache, inspect: Inspect): Promise<ContainerFacts> {
  cache.stats.idMapReads += inspect.State.Running ? 1 : 0;
  const reading = await readIdMap(host, inspect.State.Running, inspect.State.Pid);
  return toContainerFacts(inspect, reading);
}

/** Inspect + id-map read of one container; null when it no longer exists. */
export async function inspectFacts(host: HostConfig, cache: HostCache, id: string): Promise<{ inspect: Inspect; facts: ContainerFacts } | null> {
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
  return { inspect, facts: await factsOf(host, cache, inspect) };
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
