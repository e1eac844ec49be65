import 'server-only';
import type { HostConfig } from '@/lib/server/hosts';
import { evaluateContainers } from '@/lib/sysbox/container-findings';
import type { ContainerList } from '@/lib/sysbox/container-schema';
import { cacheFor, getContainerInventory, ordered, withStatusNow } from './inventory';
import { INSPECT_CONCURRENCY, mapWithConcurrency, newestFirst, type HostCache } from './inventory-cache';
import { ensureEvents } from './inventory-events';
import { inspectShared, syncShared } from './inventory-sync';
import { queryContainers, type ContainerQuery } from './query';

/**
 * GET /api/v1/hosts/{host}/containers on a Docker host, first page first.
 *
 * A fresh server knows no container yet. Its first request lists once and
 * starts the background fill (inventory-sync.ts); an unfiltered page (any page
 * number and size, the Containers page's default view) then inspects only the
 * rows it shows, in Docker's order (newest first), and answers with
 * `complete: false`: `total` is exact (Docker's list), `runtimes` counts only
 * the containers inspected so far (the page shows "counting…"), and findings
 * that compare containers (shared mounts) are judged against those.
 *
 * A filter (runtime=, kasm=, state=, q=, problems=) needs every container's
 * inspect (the runtime is not in Docker's list): such a request waits for the
 * fill, as does every caller of getContainerInventory (status, fleet counts,
 * metrics, the detail page). Choice left open by issue #14, made here: wait
 * rather than answer a filter from a partial set.
 */
function unfiltered(q: ContainerQuery): boolean {
  return q.runtime === undefined && q.kasm === undefined && q.state === undefined && !q.problems && !q.q?.trim();
}

export async function getContainerPage(host: HostConfig, q: ContainerQuery): Promise<ContainerList> {
  const cache = cacheFor(host);
  await ensureEvents(host, cache);
  if (cache.events.live && !cache.synced) {
    const sync = syncShared(host, cache);
    if (unfiltered(q)) {
      // The fill goes on after the list: its failure is the next request's to report (it re-lists).
      sync.catch((err: unknown) => {
        console.warn(`[inventory] background fill of host ${host.id} failed:`, err instanceof Error ? err.message : err);
      });
      // The list in flight (or done: the fill is running) is the one this page needs; never a second list.
      if (cache.listing) await cache.listing;
      if (cache.partial) return partialPage(cache, q);
    }
  }
  return { ...queryContainers(await getContainerInventory(host), q), complete: true };
}

async function partialPage(cache: HostCache, q: ContainerQuery): Promise<ContainerList> {
  const p = cache.partial;
  if (!p) return { ...queryContainers(await getContainerInventory(cache.host), q), complete: true };
  // Docker's order: containers created since the list (known from their events) first, then the list.
  const listed = new Set(p.order.map((e) => e.Id));
  const since = [...cache.entries.values()].filter((e) => !listed.has(e.facts.container.id)).sort(newestFirst);
  const ids = [...since.map((e) => e.facts.container.id), ...p.order.map((e) => e.Id)];
  const start = (q.page - 1) * q.pageSize;
  const pageIds = ids.slice(start, start + q.pageSize);
  const toInspect = pageIds.flatMap((id) => {
    const m = p.missing.get(id);
    return m ? [m] : [];
  });
  const work = mapWithConcurrency(toInspect, INSPECT_CONCURRENCY, (m) => inspectShared(cache.host, cache, m.entry, m.key));
  cache.pageWork.add(work);
  try {
    await work;
  } finally {
    cache.pageWork.delete(work);
  }
  if (cache.refreshing.size > 0) await Promise.all([...cache.refreshing.values()]);
  const now = Date.now();
  const known = ordered(cache).map((f) => withStatusNow(f, now));
  const evaluated = new Map(evaluateContainers(known).map((c) => [c.id, c]));
  const runtimes: Record<string, number> = {};
  for (const c of known) runtimes[c.container.runtime] = (runtimes[c.container.runtime] ?? 0) + 1;
  const items = pageIds.flatMap((id) => {
    const c = evaluated.get(id);
    return c ? [c] : [];
  });
  // Containers removed meanwhile left the list: the total follows.
  const total = ids.filter((id) => cache.entries.has(id) || cache.partial?.missing.has(id)).length;
  return { total, page: q.page, pageSize: q.pageSize, items, runtimes, complete: cache.partial === null && cache.synced };
}
