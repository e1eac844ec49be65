import 'server-only';
import { z } from 'zod';
import type { HostConfig } from '@/lib/server/hosts';
import { diffStatus, statusDigest } from '@/lib/sysbox/history';
import type { HostStatus } from '@/lib/sysbox/status';
import { inspectAndRecord } from './failure-record';
import { historyStore } from './index';
import { stateFor, track } from './recorder-state';

export { recorderIdle, recorderStats, resetRecorder } from './recorder-state';

/**
 * Catches failed Kasm/Sysbox sessions from the inventory's one Docker event
 * stream per host (lib/server/containers/inventory.ts calls recordDockerEvent
 * for every event it reads; no second stream is opened) and records the
 * verdict timeline from the status path (recordHostStatus).
 *
 * When a failure is caught (at most ONE inspect per failed container):
 * - `die` with an OOM (an `oom` event came first) or a non-zero exit code that
 *   no `kill` event explains (a kill = Kasm or an admin stopping it: not a failure);
 * - a start that failed: Docker emits NO container event for it (moby #22043
 *   removed start/die for containers that never started), only `create` and,
 *   when it cleans up, the container's `network disconnect` (type network).
 *   A disconnect of a container that did not just die is therefore the
 *   moment its start failed; the inspect then holds State.Error.
 * The inspect decides whether it is ours to record: runtime sysbox-runc or a
 * Kasm session (label kasm.kasmid), not running, and an error/OOM/exit code.
 * A container removed before the inspect is still recorded from what the
 * events said, marked "removed before inspect", when it was a Kasm session.
 * Never recorded: environment values, command lines (the record has no field
 * for them, and the inspect schema strips Config.Env).
 * The inspect and the record: ./failure-record.ts; what is remembered per host:
 * ./recorder-state.ts.
 */

/** A die within this long of a kill is a deliberate stop. */
const KILL_EXPLAINS_DIE_MS = 60_000;
/** A network disconnect this soon after a die is the normal cleanup of a stop. */
const DIE_EXPLAINS_DISCONNECT_MS = 30_000;

const eventSchema = z.object({
  Type: z.string().optional(),
  Action: z.string().optional(),
  status: z.string().optional(),
  id: z.string().optional(),
  time: z.number().optional(),
  timeNano: z.number().optional(),
  Actor: z.object({ ID: z.string().optional(), Attributes: z.record(z.string(), z.string()).nullable().optional() }).optional(),
});

const ATTRS_NOT_LABELS = new Set(['name', 'image', 'exitCode', 'signal', 'container', 'type']);

/**
 * Feeds one Docker event (as parsed from /events) to the recorder. Returns a
 * promise that settles when anything it started (an inspect, a write) is done;
 * the event stream does not wait for it.
 */
export function recordDockerEvent(host: HostConfig, event: unknown): Promise<void> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) return Promise.resolve();
  const e = parsed.data;
  const s = stateFor(host.id);
  s.stats.events += 1;
  const action = e.Action ?? e.status ?? '';
  const attrs = e.Actor?.Attributes ?? {};
  const at = e.timeNano ? Math.floor(e.timeNano / 1e6) : e.time ? e.time * 1000 : Date.now();

  if (e.Type === 'network') {
    if (action !== 'disconnect') return Promise.resolve();
    const id = attrs.container;
    if (!id) return Promise.resolve();
    const t = s.tracked.get(id);
    if (t?.diedAt !== undefined && at - t.diedAt < DIE_EXPLAINS_DISCONNECT_MS) return Promise.resolve();
    if (t?.startedAt !== undefined && t.diedAt === undefined) return Promise.resolve(); // running: an admin disconnected it
    if (t?.removedAt !== undefined || t?.recorded) return Promise.resolve();
    return inspectAndRecord(host, s, id, at, 'start');
  }
  if (e.Type !== undefined && e.Type !== 'container') return Promise.resolve();
  const id = e.Actor?.ID ?? e.id;
  if (!id) return Promise.resolve();

  switch (action) {
    case 'create': {
      const t = track(s, id);
      t.name = attrs.name;
      t.image = attrs.image;
      t.labels = Object.fromEntries(Object.entries(attrs).filter(([k]) => !ATTRS_NOT_LABELS.has(k)));
      t.createdAt = at;
      t.startedAt = undefined;
      t.diedAt = undefined;
      t.recorded = false;
      return Promise.resolve();
    }
    case 'start': {
      const t = track(s, id);
      t.startedAt = at;
      t.diedAt = undefined;
      t.killedAt = undefined;
      t.oom = false;
      t.recorded = false;
      return Promise.resolve();
    }
    case 'kill': {
      track(s, id).killedAt = at;
      return Promise.resolve();
    }
    case 'oom': {
      track(s, id).oom = true;
      return Promise.resolve();
    }
    case 'die': {
      const t = track(s, id);
      t.diedAt = at;
      t.name ??= attrs.name;
      t.image ??= attrs.image;
      for (const [k, v] of Object.entries(attrs)) if (!ATTRS_NOT_LABELS.has(k)) t.labels[k] = v;
      const code = Number(attrs.exitCode);
      t.exitCode = Number.isInteger(code) ? code : undefined;
      const deliberate = t.killedAt !== undefined && at - t.killedAt < KILL_EXPLAINS_DIE_MS;
      const failed = t.oom === true || (t.exitCode !== undefined && t.exitCode !== 0 && !deliberate);
      if (!failed) return Promise.resolve();
      return inspectAndRecord(host, s, id, at, 'die');
    }
    case 'destroy': {
      const t = track(s, id);
      t.removedAt = at;
      if (t.recorded) {
        const store = historyStore();
        if (store?.mode === 'writer') store.markRemoved(host.id, id, at);
      }
      return Promise.resolve();
    }
    default:
      return Promise.resolve();
  }
}

/**
 * Records a change of a host's verdict or of any check's status (and Docker
 * becoming unreachable/reachable) into the timeline. Called from the status
 * path with every status computed; a status equal to the last one recorded
 * (kept in the store, so it survives restarts) writes nothing.
 */
export function recordHostStatus(host: Pick<HostConfig, 'id'>, status: HostStatus): void {
  const store = historyStore();
  if (!store || store.mode !== 'writer') return;
  const s = stateFor(host.id);
  try {
    if (s.lastDigest === undefined) s.lastDigest = store.lastDigest(host.id);
    const digest = statusDigest(status);
    const diff = diffStatus(s.lastDigest, digest);
    s.lastDigest = digest;
    if (!diff) return;
    store.insertVerdict({ host: host.id, at: status.checkedAt, ...diff }, digest);
    s.stats.verdicts += 1;
  } catch (err) {
    // Recording must never break the status answer; the next status tries again.
    s.lastDigest = undefined;
    console.error(`[history] cannot record the status of ${host.id}:`, err instanceof Error ? err.message : err);
  }
}
