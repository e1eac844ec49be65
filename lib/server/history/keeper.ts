import 'server-only';
import { getContainerFacts, inventoryStats } from '@/lib/server/containers/inventory';
import { getEnv } from '@/lib/server/env';
import { listHosts } from '@/lib/server/hosts';
import { getHostStatus } from '@/lib/server/probe/status';
import { historyStore } from './index';

/**
 * Started once per server process (instrumentation.ts). History must not
 * depend on someone having a page open, so for every Docker host it:
 * - makes sure the inventory's one /events stream is open (by asking the
 *   inventory for its containers once, and again only while the stream is
 *   down: the inventory itself opens and reopens the stream; no second stream);
 * - re-checks the status every DASHBOARD_HISTORY_CHECK_SECONDS, which records
 *   verdict changes (0: only when someone looks; the status is cached 2 s, so
 *   a page polling meanwhile costs nothing extra);
 * - prunes the store to its bounds every hour.
 */
const EVENTS_CHECK_MS = 15_000;
const PRUNE_MS = 3_600_000;

/** Last warning per host, so a Docker that stays down is reported once, not every tick. */
const lastWarning = new Map<string, string>();
function warnOnce(key: string, message: string): void {
  if (lastWarning.get(key) === message) return;
  lastWarning.set(key, message);
  console.warn(message);
}

const g = globalThis as unknown as { __ksdKeeper?: { timers: NodeJS.Timeout[] } };

/** While a host's Docker stays down, retry less and less often (15 s doubling to 5 min): each try is logged by the inventory. */
const backoff = new Map<string, { next: number; delay: number }>();
const MAX_BACKOFF_MS = 300_000;

async function keepEventsOpen(): Promise<void> {
  for (const host of listHosts()) {
    if (inventoryStats(host.id).eventsLive) continue;
    const b = backoff.get(host.id);
    if (b && Date.now() < b.next) continue;
    try {
      await getContainerFacts(host);
      lastWarning.delete(`events:${host.id}`);
      backoff.delete(host.id);
    } catch (err) {
      const delay = Math.min(MAX_BACKOFF_MS, (b?.delay ?? EVENTS_CHECK_MS / 2) * 2);
      backoff.set(host.id, { next: Date.now() + delay, delay });
      // Docker down: the Overview says so; try again after the backoff.
      warnOnce(`events:${host.id}`, `[history] containers of ${host.id} unavailable, failed sessions are not being caught: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

async function checkStatuses(): Promise<void> {
  for (const host of listHosts()) {
    try {
      await getHostStatus(host);
      lastWarning.delete(`status:${host.id}`);
    } catch (err) {
      warnOnce(`status:${host.id}`, `[history] status of ${host.id} unavailable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function every(ms: number, fn: () => Promise<void> | void): NodeJS.Timeout {
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    Promise.resolve()
      .then(fn)
      .catch((err: unknown) => console.error('[history] keeper task failed:', err instanceof Error ? err.message : err))
      .finally(() => {
        running = false;
      });
  }, ms);
  t.unref();
  return t;
}

export function startHistoryKeeper(): void {
  if (g.__ksdKeeper) return;
  const store = historyStore();
  if (!store || store.mode !== 'writer') return;
  const env = getEnv();
  const timers: NodeJS.Timeout[] = [];
  // First pass right after start, off the start path.
  setTimeout(() => {
    void keepEventsOpen().then(() => (env.DASHBOARD_HISTORY_CHECK_SECONDS > 0 ? checkStatuses() : undefined));
  }, 0).unref();
  timers.push(every(EVENTS_CHECK_MS, keepEventsOpen));
  if (env.DASHBOARD_HISTORY_CHECK_SECONDS > 0) timers.push(every(env.DASHBOARD_HISTORY_CHECK_SECONDS * 1000, checkStatuses));
  timers.push(every(PRUNE_MS, () => void store.prune()));
  g.__ksdKeeper = { timers };
}
