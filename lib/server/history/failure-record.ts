import 'server-only';
import { z } from 'zod';
import { dockerGet, DockerNotFoundError } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import { inspectSchema, toContainerFacts } from '@/lib/server/containers/inspect';
import { KASM_SESSION_LABEL, recognizeKasm } from '@/lib/sysbox/recognize';
import { evaluateContainer } from '@/lib/sysbox/container-findings';
import { isSysboxRuntime } from '@/lib/sysbox/runtime';
import { classifyFailure, type FailureRecord } from '@/lib/sysbox/history';
import { countSessionFailure } from '@/lib/server/metrics/registry';
import { historyStore } from './index';
import { track, type HostState } from './recorder-state';

/**
 * A failure the event stream caught (./recorder.ts), turned into a record: ONE
 * inspect of the container decides whether it is ours (sysbox-runc or a Kasm
 * session) and what went wrong; a container removed before the inspect is
 * recorded from what the events said, when it was a Kasm session.
 */
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

export function inspectAndRecord(host: HostConfig, s: HostState, id: string, at: number, trigger: 'die' | 'start'): Promise<void> {
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

