/**
 * Live updates in the browser: one EventSource per tab on
 * /api/v1/hosts/{host}/events. Each pushed change names the react-query
 * entries it affects (the query client, mounted only on pages that read data,
 * subscribes with onLiveInvalidate and invalidates them) (they refetch from the dashboard, which answers warm
 * lists from memory at no Docker cost). While the stream is up, polling slows
 * to a 60 s safety net; when it drops, pages poll every 5 s again and the
 * header says "polling" (amber) until it is back.
 */
export type LiveState = 'connecting' | 'live' | 'polling';

export const POLL_MS = 5_000;
export const LIVE_SAFETY_POLL_MS = 60_000;

let state: LiveState = 'connecting';
const listeners = new Set<() => void>();

export function liveState(): LiveState {
  return state;
}

export function subscribeLiveState(l: () => void): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

function setState(next: LiveState): void {
  if (state === next) return;
  state = next;
  for (const l of listeners) l();
}

/** The refetchInterval of every live query: slow while pushed updates flow, 5 s otherwise. */
export function liveRefetchInterval(): number {
  return state === 'live' ? LIVE_SAFETY_POLL_MS : POLL_MS;
}

export type LiveKeys = readonly (readonly unknown[])[];
type Keys = LiveKeys;

const invalidators = new Set<(keys: Keys) => void>();

/** Called with the query keys a pushed change affects; returns the unsubscribe function. */
export function onLiveInvalidate(fn: (keys: Keys) => void): () => void {
  invalidators.add(fn);
  return () => {
    invalidators.delete(fn);
  };
}

function invalidate(keys: Keys): void {
  for (const fn of invalidators) fn(keys);
}

/** Opens the stream for `host`; returns the function that closes it. */
export function connectLive(host: string): () => void {
  const containerKeys: Keys = [['containers', host], ['container', host], ['host-summary', host], ['hosts']];
  const statusKeys: Keys = [['host-status', host], ['host-summary', host], ['hosts']];
  const everything: Keys = [...containerKeys, ...statusKeys];
  // Bursts (a restart is five events) become one refetch per query.
  let pending = new Set<Keys>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const soon = (keys: Keys) => {
    pending.add(keys);
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const batch = pending;
      pending = new Set();
      for (const k of batch) invalidate(k);
    }, 50);
  };

  setState('connecting');
  let es: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let wasDown = false;
  const open = () => {
    const source = new EventSource(`/api/v1/hosts/${encodeURIComponent(host)}/events`);
    es = source;
    source.addEventListener('hello', () => {
      setState('live');
      // Anything may have changed while we were not connected (or polling slowly): refetch once.
      if (wasDown) soon(everything);
      wasDown = false;
    });
    source.addEventListener('container', () => soon(containerKeys));
    source.addEventListener('containers', () => soon(containerKeys));
    source.addEventListener('resync', () => soon(everything));
    source.addEventListener('status', () => soon(statusKeys));
    source.addEventListener('docker', () => soon(everything));
    source.onerror = () => {
      // EventSource retries by itself (the server asks for 2 s); meanwhile poll, and restart the polling timers now.
      if (state !== 'polling') {
        setState('polling');
        wasDown = true;
        soon(everything);
      }
      // A failed reconnect can leave it CLOSED for good: open a new one later.
      if (source.readyState === EventSource.CLOSED && !retry) {
        source.close();
        retry = setTimeout(() => {
          retry = null;
          open();
        }, 5_000);
      }
    };
  };
  open();
  return () => {
    es?.close();
    if (retry) clearTimeout(retry);
    if (timer) clearTimeout(timer);
  };
}
