import 'server-only';
import { z } from 'zod';
import { dockerGet, DockerNotFoundError } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import { inspectSchema, toContainerFacts } from '@/lib/server/containers/inspect';
import { KASM_SESSION_LABEL, recognizeKasm } from '@/lib/sysbox/recognize';
import { evaluateContainer, isSysboxRuntime } from '@/lib/sysbox/container-findings';
import { classifyFailure, diffStatus, statusDigest, type FailureRecord, type StatusDigest } from '@/lib/sysbox/history';
import type { HostStatus } from '@/lib/sysbox/status';
import { historyStore } from './index';
import { countSessionFailure } from '@/lib/server/metrics/registry';

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
 */

const MAX_TRACKED = 5000;
/** A die within this long of a kill is a deliberate stop. */
const KILL_EXPLAINS_DIE_MS = 60_000;
/** A network disconnect this soon after a die is the normal cleanup of a stop. */
const DIE_EXPLAINS_DISCONNECT_MS = 30_000;

interface Tracked {
  name?: string;
  image?: string;
  labels: Record<string, string>;
  createdAt?: number;
  startedAt?: number;
  killedAt?: number;
  oom?: boolean;
  diedAt?: number;
  exitCode?: number;
  removedAt?: number;
  recorded?: boolean;
}

interface HostState {
  tracked: Map<string, Tracked>;
  inflight: Set<string>;
  lastDigest: StatusDigest | null | undefined;
  stats: { events: number; inspects: number; recorded: number; verdicts: number };
  pending: Set<Promise<void>>;
}

const g = globalThis as unknown as { __ksdRecorder?: Map<string, HostState> };
const states = (g.__ksdRecorder ??= new Map<string, HostState>());

function stateFor(hostId: string): HostState {
  let s = states.get(hostId);
  if (!s) {
    s = { tracked: new Map(), inflight: new Set(), lastDigest: undefined, stats: { events: 0, inspects: 0, recorded: 0, verdicts: 0 }, pending: new Set() };
    states.set(hostId, s);
  }
  return s;
}

function track(s: HostState, id: string): Tracked {
  let t = s.tracked.get(id);
  if (t) {
    // Move to the end (most recently used).
    s.tracked.delete(id);
  } else {
    t = { labels: {} };
  }
  s.tracked.set(id, t);
  while (s.tracked.size > MAX_TRACKED) {
    const oldest = s.tracked.keys().next().value;
    if (oldest === undefined) break;
    s.tracked.delete(oldest);
  }
  return t;
}

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

/** An inspect answer with the State fields a failure needs (the inventory's schema, plus exit facts). */
const failureInspectSchema = inspectSchema.extend({
  State: inspectSchema.shape.State.extend({
    ExitCode: z.number().int().default(0),
    OOMKilled: z.boolean().default(false),
    FinishedAt: z.string().default(''),
  }),
});

const NEVER = /^0001-01-01/;
const timeOf = (s: string | undefined | null): number | null => {
  if (!s || NEVER.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
};

function inspectAndRecord(host: HostConfig, s: HostState, id: string, at: number, trigger: 'die' | 'start'): Promise<void> {
  if (s.inflight.has(id)) return Promise.resolve();
  const store = historyStore();
  if (!store || store.mode !== 'writer') return Promise.resolve();
  s.inflight.add(id);
  const p = (async () => {
    s.stats.inspects += 1;
    let raw: unknown;
    try {
      raw = await dockerGet(host, `/containers/${id}/json`);
    } catch (err) {
      if (err instanceof DockerNotFoundError) return recordRemovedBeforeInspect(host, s, id, at);
      console.warn(`[history] cannot inspect container ${id.slice(0, 12)} on ${host.id} after its ${trigger === 'die' ? 'die' : 'failed start'}:`, err instanceof Error ? err.message : err);
      return;
    }
    const parsed = failureInspectSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn(`[history] unexpected inspect answer for ${id.slice(0, 12)} on ${host.id}; not recorded`);
      return;
    }
    const i = parsed.data;
    if (i.State.Running) return;
    const error = i.State.Error.trim() || null;
    const t = s.tracked.get(id);
    const oomKilled = i.State.OOMKilled || t?.oom === true;
    if (trigger === 'start' && !error) return;
    if (!error && !oomKilled && i.State.ExitCode === 0) return;
    const facts = toContainerFacts(i, { ok: false, reason: 'not running' });
    const c = facts.container;
    if (!isSysboxRuntime(c.runtime) && c.kasm.kind !== 'session') return;
    const startedAt = timeOf(i.State.StartedAt);
    const finishedAt = timeOf(i.State.FinishedAt) ?? at;
    const { reason, explanation } = classifyFailure({ error, oomKilled, exitCode: i.State.ExitCode, inspected: true });
    const finding = evaluateContainer(facts).find((f) => f.id === 'sysbox.error') ?? null;
    const record: Omit<FailureRecord, 'id' | 'kind'> = {
      host: host.id,
      at: new Date(at).toISOString(),
      container: { id: i.Id, name: c.name },
      image: c.image,
      kasm: { sessionId: c.kasm.kasmId ?? null, user: c.kasm.user ?? null },
      runtime: c.runtime,
      exitCode: i.State.ExitCode,
      oomKilled,
      error,
      startedAt: startedAt === null ? null : new Date(startedAt).toISOString(),
      livedMs: startedAt === null ? null : Math.max(0, finishedAt - startedAt),
      inspected: true,
      reason,
      explanation,
      finding,
      removedAt: t?.removedAt !== undefined ? new Date(t.removedAt).toISOString() : null,
    };
    write(host, s, id, record);
  })()
    .catch((err: unknown) => {
      console.error(`[history] recording container ${id.slice(0, 12)} on ${host.id} failed:`, err instanceof Error ? err.message : err);
    })
    .finally(() => {
      s.inflight.delete(id);
      s.pending.delete(p);
    });
  s.pending.add(p);
  return p;
}

function recordRemovedBeforeInspect(host: HostConfig, s: HostState, id: string, at: number): void {
  const t = s.tracked.get(id);
  const name = t?.name ?? '';
  const kasm = recognizeKasm(name, t?.labels ?? {});
  // Without the inspect the runtime is unknown: only a Kasm session is known to be ours.
  if (!t || t.labels[KASM_SESSION_LABEL] === undefined) {
    console.info(`[history] container ${id.slice(0, 12)} on ${host.id} was removed before it could be inspected and is not a Kasm session; not recorded`);
    return;
  }
  const exitCode = t.exitCode ?? null;
  const { reason, explanation } = classifyFailure({ error: null, oomKilled: t.oom === true, exitCode, inspected: false });
  write(host, s, id, {
    host: host.id,
    at: new Date(at).toISOString(),
    container: { id, name },
    image: t.image ?? '',
    kasm: { sessionId: kasm.kasmId ?? null, user: kasm.user ?? null },
    runtime: null,
    exitCode,
    oomKilled: t.oom === true,
    error: null,
    startedAt: t.startedAt !== undefined ? new Date(t.startedAt).toISOString() : null,
    livedMs: t.startedAt !== undefined ? Math.max(0, at - t.startedAt) : null,
    inspected: false,
    reason,
    explanation,
    finding: null,
    removedAt: t.removedAt !== undefined ? new Date(t.removedAt).toISOString() : null,
  });
}

function write(host: HostConfig, s: HostState, id: string, record: Omit<FailureRecord, 'id' | 'kind'>): void {
  const store = historyStore();
  if (!store || store.mode !== 'writer') return;
  store.insertFailure(record);
  countSessionFailure(host.id, record.reason);
  s.stats.recorded += 1;
  const t = track(s, id);
  t.recorded = true;
  // A destroy that arrived after the record was built.
  if (t.removedAt !== undefined && record.removedAt === null) store.markRemoved(host.id, id, t.removedAt);
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

/** Counters for tests and the bench. */
export function recorderStats(hostId: string): HostState['stats'] {
  return { ...stateFor(hostId).stats };
}

/** Resolves when every inspect/write the recorder started for a host has settled (tests). */
export async function recorderIdle(hostId: string): Promise<void> {
  const s = stateFor(hostId);
  // Each pending promise catches its own errors (logged), so Promise.all never rejects here.
  while (s.pending.size > 0) await Promise.all([...s.pending]);
}

/** For tests: forget what the recorder tracks in memory. */
export function resetRecorder(hostId?: string): void {
  if (hostId) states.delete(hostId);
  else states.clear();
}
