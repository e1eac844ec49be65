import 'server-only';
import { subscribeInventory, inventoryLive } from '@/lib/server/containers/inventory';
import type { AnyHostConfig, DashboardHostConfig, HostConfig } from '@/lib/server/hosts';
import { subscribeHostStatus } from '@/lib/server/probe/status';
import { openRemoteEvents } from '@/lib/server/remote-dashboard';

/**
 * Live updates for pages: one hub per host, shared by every open
 * `GET /api/v1/hosts/{host}/events` stream. A Docker host's hub listens to the
 * container inventory (which owns the host's single Docker `/events` stream)
 * and to status refreshes; a `dashboard` host's hub relays that dashboard's
 * own event stream (one connection however many browsers watch it). Messages
 * are numbered `<epoch>-<n>` and the last 500 are kept, so a browser that
 * reconnects with `Last-Event-ID` gets what it missed, or `resync` when that
 * is no longer known (server restarted, too far behind).
 */
export type LiveEventName = 'container' | 'containers' | 'status' | 'docker';
export interface LiveMessage {
  id: string;
  event: LiveEventName;
  data: string;
}

const RING = 500;

interface Hub {
  epoch: string;
  seq: number;
  ring: LiveMessage[];
  clients: Set<(m: LiveMessage) => void>;
  stop: () => void;
  /** Whether the host's own change feed (Docker events / the remote stream) is up. */
  upstreamLive: () => boolean;
}

const globalForLive = globalThis as unknown as { __ksdLive?: Map<string, Hub> };
const hubs = (globalForLive.__ksdLive ??= new Map<string, Hub>());

function publish(hub: Hub, event: LiveEventName, data: unknown): void {
  hub.seq += 1;
  const m: LiveMessage = { id: `${hub.epoch}-${hub.seq}`, event, data: JSON.stringify(data) };
  hub.ring.push(m);
  if (hub.ring.length > RING) hub.ring.shift();
  for (const c of hub.clients) c(m);
}

function dockerHub(host: HostConfig, hub: Hub): () => void {
  const offInventory = subscribeInventory(host, (ch) => {
    if (ch.kind === 'container') publish(hub, 'container', { id: ch.id, action: ch.action, removed: ch.removed });
    else if (ch.kind === 'resync') publish(hub, 'containers', {});
    else if (ch.kind === 'stream') publish(hub, 'docker', { live: ch.live });
  });
  const offStatus = subscribeHostStatus(host.id, (s) => publish(hub, 'status', { verdict: s.verdict, checkedAt: s.checkedAt }));
  return () => {
    offInventory();
    offStatus();
  };
}

function remoteHub(host: DashboardHostConfig, hub: Hub, live: { up: boolean }): () => void {
  let stopped = false;
  let abort: AbortController | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = () => {
    if (stopped) return;
    abort = new AbortController();
    openRemoteEvents(host, abort.signal, (event, data) => {
      if (event === 'hello') {
        live.up = true;
        // Whatever happened while we were not connected: tell pages to refetch.
        publish(hub, 'containers', {});
        publish(hub, 'status', {});
        return;
      }
      if (event === 'container' || event === 'containers' || event === 'status' || event === 'docker') {
        let parsed: unknown = {};
        try {
          parsed = JSON.parse(data);
        } catch (err) {
          console.warn(`[live] unreadable event from dashboard host ${host.id}:`, err instanceof Error ? err.message : err);
        }
        publish(hub, event, parsed);
      }
    })
      .catch((err: unknown) => {
        if (!stopped) console.warn(`[live] event stream of dashboard host ${host.id} failed:`, err instanceof Error ? err.message : err);
      })
      .finally(() => {
        live.up = false;
        if (stopped) return;
        publish(hub, 'docker', { live: false });
        retry = setTimeout(connect, 5_000);
        retry.unref();
      });
  };
  connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    abort?.abort();
  };
}

function hubFor(host: AnyHostConfig): Hub {
  const existing = hubs.get(host.id);
  if (existing) return existing;
  const remote = { up: false };
  const hub: Hub = {
    epoch: Date.now().toString(36),
    seq: 0,
    ring: [],
    clients: new Set(),
    stop: () => undefined,
    upstreamLive: () => (host.kind === 'docker' ? inventoryLive(host.id) : remote.up),
  };
  hubs.set(host.id, hub);
  hub.stop = host.kind === 'docker' ? dockerHub(host, hub) : remoteHub(host, hub, remote);
  return hub;
}

/** Messages after `lastEventId`, or null when that id is unknown here (the client must refetch everything). */
function missedSince(hub: Hub, lastEventId: string | null): LiveMessage[] | null {
  if (!lastEventId) return [];
  const i = hub.ring.findIndex((m) => m.id === lastEventId);
  if (i === -1) return lastEventId === `${hub.epoch}-${hub.seq}` ? [] : null;
  return hub.ring.slice(i + 1);
}

export const HEARTBEAT_MS = 15_000;

/**
 * The `text/event-stream` body for one client. First a `hello` (with whether
 * the host's change feed is up), then what it missed since `lastEventId` (or a
 * `resync`), then every change, with a comment line every 15 s as heartbeat.
 */
export function liveStream(host: AnyHostConfig, lastEventId: string | null, signal: AbortSignal): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cleanup = () => undefined as void;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const hub = hubFor(host);
      const send = (text: string) => {
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          // The client went away between the check and the write: cleanup below runs on abort/cancel.
          cleanup();
        }
      };
      const format = (m: LiveMessage) => `id: ${m.id}\nevent: ${m.event}\ndata: ${m.data}\n\n`;
      send(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ host: host.id, live: hub.upstreamLive() })}\n\n`);
      const missed = missedSince(hub, lastEventId);
      if (missed === null) send(`id: ${hub.epoch}-${hub.seq}\nevent: resync\ndata: {}\n\n`);
      else for (const m of missed) send(format(m));
      const client = (m: LiveMessage) => send(format(m));
      hub.clients.add(client);
      const beat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
      let done = false;
      cleanup = () => {
        if (done) return;
        done = true;
        clearInterval(beat);
        hub.clients.delete(client);
        if (hub.clients.size === 0 && hubs.get(host.id) === hub) {
          hubs.delete(host.id);
          hub.stop();
        }
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      signal.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}

/** Open streams per host (tests). */
export function liveClients(hostId: string): number {
  return hubs.get(hostId)?.clients.size ?? 0;
}
