import 'server-only';
import type { Readable } from 'node:stream';
import { dockerEvents } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import { recordDockerEvent } from '@/lib/server/history/recorder';
import { factsStore } from './facts-store';
import { caches, dropEntry, emit, EVENTS_RETRY_MS, inspectFacts, setEntry, type HostCache } from './inventory-cache';
import { syncShared } from './inventory-sync';

/** Event actions that do not change what the inventory shows (Docker's action names, see moby api/types/events). */
const IGNORED_ACTIONS = /^(exec_|top$|attach$|detach$|resize$|export$|commit$|copy$|archive-path$|extract-to-dir$)/;

/** An event for `id`: re-inspect it (coalescing bursts), or drop it on destroy. */
function onContainerEvent(cache: HostCache, id: string, action: string): void {
  cache.eventCounter += 1;
  cache.eventSeq.set(id, cache.eventCounter);
  const host = cache.host;
  if (action === 'destroy') {
    cache.rerun.delete(id);
    factsStore()?.drop(host.id, id);
    if (dropEntry(cache, id)) emit(cache, { kind: 'container', id, action, removed: true });
    return;
  }
  if (cache.refreshing.has(id)) {
    cache.rerun.add(id);
    return;
  }
  const run = async () => {
    do {
      cache.rerun.delete(id);
      const startSeq = cache.eventSeq.get(id);
      const got = await inspectFacts(host, cache, id);
      if (cache.eventSeq.get(id) !== startSeq) continue; // a newer event: rerun is set unless it was a destroy
      if (got) {
        setEntry(cache, got.facts, null);
        factsStore()?.put(host.id, got.inspect);
      } else dropEntry(cache, id);
      emit(cache, { kind: 'container', id, action, removed: got === null });
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
      if (ev.live)
        void syncShared(cache.host, cache).catch((err: unknown) => {
          console.warn(`[inventory] re-list of host ${cache.host.id} after reconnecting failed:`, err instanceof Error ? err.message : err);
        });
      else scheduleReconnect(cache);
    });
  }, EVENTS_RETRY_MS);
  ev.retry.unref();
}

/** Subscribes to container events once (and again after a failure, at most every 5 s). */
export async function ensureEvents(host: HostConfig, cache: HostCache): Promise<void> {
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
