import 'server-only';
import { dockerGet } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import type { ContainerFacts } from '@/lib/sysbox/container-schema';
import { containerStatusText } from '@/lib/sysbox/container-status';
import { factsStore } from './facts-store';
import {
  caches,
  dropEntry,
  emit,
  factsOf,
  INSPECT_CONCURRENCY,
  inspectFacts,
  mapWithConcurrency,
  SAFETY_RELIST_MS,
  setEntry,
  type Entry,
  type HostCache,
} from './inventory-cache';
import { listEntryKey, listSchema, type ListEntry } from './inspect';

/**
 * Listing and diffing: Docker's `/containers/json?all=1` against the cache.
 * At a (re)connect the list is one call; the containers it names that the
 * cache does not know (a fresh server: all of them, less those the facts store
 * vouches for) are "missing" and filled in the background, in Docker's order
 * (newest first, so the first page's rows come first), FILL_CONCURRENCY at a
 * time, while a page request inspects only its own rows (sharing the fill's
 * inspects in flight).
 */
export const FILL_CONCURRENCY = 4;

/**
 * Whether a cached entry still matches Docker's list line (state, names, image,
 * mounts, and the status text it implies). `listedAt` is when the list request
 * was sent: Docker wrote its "Up 5 minutes" between then and `now` (a slow list
 * on a busy host takes seconds), so a unit boundary in that span is not a difference.
 */
export function entryMatches(hit: Entry | undefined, entry: ListEntry, now: number, listedAt: number = now): boolean {
  if (!hit) return false;
  if (hit.key !== null && hit.key !== listEntryKey(entry, false)) return false;
  if (hit.key === null && (hit.facts.container.state !== entry.State || !entry.Names.includes(`/${hit.facts.container.name}`))) return false;
  // "Up 5 minutes" from our StartedAt must be what Docker says: a restart while we were not listening shows here.
  const from = Math.max(Math.min(listedAt, now) - 2_000, now - 30_000);
  for (let t = now; t > from - 1_000; t -= 1_000) if (containerStatusText(hit.facts.timing, Math.max(t, from)) === entry.Status) return true;
  return false;
}

export function inspectShared(host: HostConfig, cache: HostCache, entry: ListEntry, key: string): Promise<ContainerFacts | null> {
  const pendingKey = `${entry.Id}|${key}|${cache.eventSeq.get(entry.Id) ?? 0}`;
  const existing = cache.pending.get(pendingKey);
  if (existing) return existing;
  const startSeq = cache.eventSeq.get(entry.Id) ?? 0;
  const p = inspectFacts(host, cache, entry.Id)
    .then((got) => {
      // An event for this id while we inspected: its own inspect is newer, keep that one.
      if ((cache.eventSeq.get(entry.Id) ?? 0) !== startSeq) return got?.facts ?? null;
      if (got) {
        setEntry(cache, got.facts, key);
        factsStore()?.put(host.id, got.inspect);
      } else dropEntry(cache, entry.Id);
      return got?.facts ?? null;
    })
    .finally(() => cache.pending.delete(pendingKey));
  cache.pending.set(pendingKey, p);
  return p;
}

/** First list of this cache: containers the facts store knows, and whose list line agrees with it, need no inspect. */
async function applyStore(host: HostConfig, cache: HostCache, list: readonly ListEntry[], now: number, listedAt: number): Promise<void> {
  cache.storeLoaded = true;
  const store = factsStore();
  if (!store) return;
  const stored = store.load(host.id);
  if (stored.size === 0) return;
  const candidates = list.filter((e) => !cache.entries.has(e.Id) && stored.has(e.Id));
  await mapWithConcurrency(candidates, INSPECT_CONCURRENCY, async (e) => {
    const inspect = stored.get(e.Id);
    if (!inspect) return;
    const entry: Entry = { key: null, facts: await factsOf(host, cache, inspect), createdMs: 0, createdSubMs: 0 };
    if (!entryMatches(entry, e, now, listedAt) || cache.entries.has(e.Id)) return;
    setEntry(cache, entry.facts, null);
    cache.stats.storeHits += 1;
  });
  // Entries changed: what was sorted or evaluated before is stale.
  cache.version += 1;
}

/**
 * One `/containers/json?all=1`, diffed against the cache: vanished containers
 * are dropped, new and changed ones are left in `cache.partial.missing` for
 * `fillMissing`. Returns how many entries differed (missing or gone).
 */
export async function listPhase(host: HostConfig, cache: HostCache): Promise<number> {
  cache.stats.lists += 1;
  const listedAfter = cache.eventCounter;
  const listedAt = Date.now();
  const list = listSchema.parse(await dockerGet(host, '/containers/json', { query: { all: true } }));
  const now = Date.now();
  if (!cache.storeLoaded) await applyStore(host, cache, list, now, listedAt);
  const seen = new Set<string>();
  const missing = new Map<string, { entry: ListEntry; key: string }>();
  for (const entry of list) {
    seen.add(entry.Id);
    if (!entryMatches(cache.entries.get(entry.Id), entry, now, listedAt)) missing.set(entry.Id, { entry, key: listEntryKey(entry, false) });
  }
  let gone = 0;
  for (const id of [...cache.entries.keys()]) {
    // An id created after the list was taken is known from its event: keep it.
    if (!seen.has(id) && (cache.eventSeq.get(id) ?? 0) <= listedAfter) {
      dropEntry(cache, id);
      gone += 1;
    }
  }
  for (const id of cache.eventSeq.keys()) if (!seen.has(id) && !cache.entries.has(id) && !cache.refreshing.has(id)) cache.eventSeq.delete(id);
  factsStore()?.keepOnly(host.id, new Set([...seen, ...cache.entries.keys()]));
  cache.partial = missing.size > 0 ? { order: list, missing } : null;
  return missing.size + gone;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Inspects what the last list found missing, `concurrency` at a time, in
 * Docker's order; the cache is complete when it resolves. Page requests go
 * first: the fill starts a turn after the list (so requests waiting for the
 * same list claim their rows), and waits while a page's inspects are in flight,
 * then one more turn (so that page's answer leaves before the fill goes on).
 */
export async function fillMissing(host: HostConfig, cache: HostCache, concurrency: number): Promise<void> {
  const p = cache.partial;
  if (!p) return;
  await nextTurn();
  const todo = [...p.missing.values()];
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      if (cache.pageWork.size > 0) {
        // Only waiting: each page request reports its own failures.
        while (cache.pageWork.size > 0) await Promise.allSettled([...cache.pageWork]);
        await nextTurn();
        continue;
      }
      const m = todo[next++];
      if (m && p.missing.has(m.entry.Id)) await inspectShared(host, cache, m.entry, m.key);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  if (cache.partial === p) cache.partial = null;
}

/** The list taken at a (re)connect, shared by concurrent requests. */
export function listShared(host: HostConfig, cache: HostCache): Promise<void> {
  cache.listing ??= listPhase(host, cache)
    .then(() => undefined)
    .finally(() => {
      cache.listing = null;
    });
  return cache.listing;
}

/** The re-list after a (re)connect and the fill of what it found missing, shared by concurrent requests. */
export function syncShared(host: HostConfig, cache: HostCache): Promise<void> {
  if (cache.syncing) return cache.syncing;
  cache.syncing = (async () => {
    try {
      await listShared(host, cache);
      await fillMissing(host, cache, FILL_CONCURRENCY);
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

/** A full list and the inspects it needs, inline (the safety re-list; every request while the stream is down). */
export async function listAndDiff(host: HostConfig, cache: HostCache): Promise<number> {
  const differences = await listPhase(host, cache);
  await fillMissing(host, cache, INSPECT_CONCURRENCY);
  return differences;
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
  const differences = await listAndDiff(cache.host, cache);
  if (differences > 0) {
    cache.stats.safetyDifferences += differences;
    console.error(`[inventory] safety re-list of host ${hostId} found ${differences} container(s) the event stream had not updated (repaired); this is a bug`);
    emit(cache, { kind: 'resync' });
  }
  return differences;
}
