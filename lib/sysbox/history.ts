import { z } from 'zod';
import { matchKnownSysboxError } from './known-errors';
import { findingSchema } from './container-schema';
import type { HostStatus, Verdict } from './status';

/**
 * History (failed sessions and the verdict timeline): the record shapes shared
 * by the store, the API and the browser, and the pure judgement on them
 * (which kind of failure, what explains it, what changed between two statuses).
 * Environment values and command lines are never part of a record: the schemas
 * have no field for them.
 */

/** Kinds of failure: the ids of the known Sysbox error table (known-errors.ts) plus generic ones. */
export const GENERIC_FAILURE_KINDS = ['oom', 'start-error', 'exit', 'unknown'] as const;
export const failureKindSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const failureRecordSchema = z.object({
  id: z.number().int(),
  kind: z.literal('failure'),
  host: z.string(),
  at: z.string(),
  container: z.object({ id: z.string(), name: z.string() }),
  image: z.string(),
  kasm: z.object({ sessionId: z.string().nullable(), user: z.string().nullable() }),
  runtime: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  oomKilled: z.boolean(),
  /** State.Error as Docker kept it (null when the container was gone before it could be read). */
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  /** How long it lived: StartedAt → FinishedAt (or → the event), ms; null when it never started. */
  livedMs: z.number().int().nullable(),
  /** false: the container was removed before the dashboard could inspect it (recorded from the event alone). */
  inspected: z.boolean(),
  reason: failureKindSchema,
  explanation: z.object({ meaning: z.string(), fix: z.string().nullable() }),
  /** The container finding that explains it (sysbox.error), when one matches. */
  finding: findingSchema.nullable(),
  /** When Docker destroyed the container (Kasm removes failed sessions within seconds). */
  removedAt: z.string().nullable(),
});
export type FailureRecord = z.infer<typeof failureRecordSchema>;

export const checkChangeSchema = z.object({
  id: z.string(),
  title: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type CheckChange = z.infer<typeof checkChangeSchema>;

const verdictEnum = z.enum(['ready', 'degraded', 'not-ready']);

export const verdictRecordSchema = z.object({
  id: z.number().int(),
  kind: z.literal('verdict'),
  host: z.string(),
  at: z.string(),
  verdict: verdictEnum,
  from: verdictEnum.nullable(),
  /** Docker became unreachable (false) or reachable again (true); null when that did not change. */
  docker: z.boolean().nullable(),
  changes: z.array(checkChangeSchema),
});
export type VerdictRecord = z.infer<typeof verdictRecordSchema>;

export const historyRecordSchema = z.discriminatedUnion('kind', [failureRecordSchema, verdictRecordSchema]);
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

export const historyListSchema = z.object({
  items: z.array(historyRecordSchema),
  /** Hosts whose history could not be read (fleet view), with why. */
  unavailable: z.array(z.object({ host: z.string(), message: z.string() })).default([]),
  /** For the verdict kind on one host: since when the current verdict holds (ISO), null when unknown. */
  verdictSince: z.string().nullable().optional(),
  /** Values present in the failures, for the filter chips. */
  facets: z.object({ images: z.array(z.string()), users: z.array(z.string()), reasons: z.array(z.string()) }).optional(),
  /** Set when this server only reads the history (another process records it). */
  note: z.string().optional(),
});
export type HistoryList = z.infer<typeof historyListSchema>;

/** The facts of a failed container the classification needs. */
export interface FailureFacts {
  error: string | null;
  oomKilled: boolean;
  exitCode: number | null;
  inspected: boolean;
}

const GENERIC_EXPLANATIONS: Record<(typeof GENERIC_FAILURE_KINDS)[number], { meaning: string; fix: string | null }> = {
  oom: {
    meaning: 'The kernel killed the container for using more memory than its limit (OOM).',
    fix: 'Give the Workspace more memory (Admin › Workspaces › Edit › Memory), or find what in the session uses it.',
  },
  'start-error': {
    meaning: 'Docker could not start the container; its error is below.',
    fix: null,
  },
  exit: {
    meaning: 'The container\'s main process exited with an error code.',
    fix: 'Check the container\'s logs on the agent (docker logs <name>) before Kasm removes it, and the Workspace\'s run config.',
  },
  unknown: {
    meaning: 'The container was removed before the dashboard could read why it stopped (removed before inspect).',
    fix: 'Look at the agent\'s Docker log (journalctl -u docker) around this time.',
  },
};

/**
 * Which kind of failure: a known Sysbox error (its id in the table of
 * known-errors.ts) first, then OOM, then any other start
 * error, then a non-zero exit.
 */
export function classifyFailure(f: FailureFacts): { reason: string; explanation: { meaning: string; fix: string | null } } {
  const known = matchKnownSysboxError(f.error);
  if (known) return { reason: known.id, explanation: { meaning: known.meaning, fix: known.fix } };
  if (f.oomKilled) return { reason: 'oom', explanation: GENERIC_EXPLANATIONS.oom };
  if (f.error) return { reason: 'start-error', explanation: GENERIC_EXPLANATIONS['start-error'] };
  if (!f.inspected && f.exitCode === null) return { reason: 'unknown', explanation: GENERIC_EXPLANATIONS.unknown };
  return { reason: 'exit', explanation: GENERIC_EXPLANATIONS.exit };
}

/** Plain words for a failure kind (filter chips). */
export function failureKindLabel(reason: string): string {
  const labels: Record<string, string> = {
    'sysbox-mgr-down': 'sysbox-mgr down',
    'sysbox-fs-down': 'sysbox-fs down',
    'sysbox-fs-restarted': 'sysbox-fs restarted',
    'runtime-not-registered': 'runtime not registered',
    'kernel-too-old': 'kernel too old',
    'userns-disallowed': 'user namespaces off',
    'host-namespace': 'host namespace',
    'idmapped-mount-denied': 'ID-mapped mount refused',
    oom: 'out of memory',
    'start-error': 'start error',
    exit: 'exited with error',
    unknown: 'removed before inspect',
  };
  return labels[reason] ?? reason;
}

/** What of a host status the timeline compares: the verdict and each check's status. */
export interface StatusDigest {
  verdict: Verdict;
  docker: boolean;
  checks: Record<string, { status: string; title: string }>;
}

export function statusDigest(s: HostStatus): StatusDigest {
  const checks: StatusDigest['checks'] = {};
  for (const c of s.checks) checks[c.id] = { status: c.status, title: c.title };
  return { verdict: s.verdict, docker: s.facts.docker !== null, checks };
}

/**
 * What changed from `prev` to `next` (null: nothing did). The first status
 * ever seen for a host (prev null) is a change: the timeline starts there.
 */
export function diffStatus(
  prev: StatusDigest | null,
  next: StatusDigest,
): Pick<VerdictRecord, 'verdict' | 'from' | 'docker' | 'changes'> | null {
  const changes: CheckChange[] = [];
  const ids = new Set([...Object.keys(prev?.checks ?? {}), ...Object.keys(next.checks)]);
  for (const id of [...ids].sort()) {
    const a = prev?.checks[id];
    const b = next.checks[id];
    if (a?.status === b?.status) continue;
    changes.push({ id, title: b?.title ?? a?.title ?? id, from: a?.status ?? null, to: b?.status ?? null });
  }
  if (prev && prev.verdict === next.verdict && changes.length === 0) return null;
  return {
    verdict: next.verdict,
    from: prev?.verdict ?? null,
    docker: prev === null || prev.docker !== next.docker ? next.docker : null,
    changes,
  };
}

/**
 * Since when the current verdict holds: the time of the oldest record of the
 * newest unbroken run of records with the same verdict. `records` newest first.
 * Null when there are none. (Records only exist for changes, so a run of
 * equal verdicts means checks changed underneath an unchanged verdict.)
 */
export function verdictSince(records: readonly Pick<VerdictRecord, 'at' | 'verdict' | 'from'>[]): string | null {
  const first = records[0];
  if (!first) return null;
  let since = first.at;
  for (const r of records) {
    if (r.verdict !== first.verdict) break;
    since = r.at;
    if (r.from !== null && r.from !== r.verdict) break;
  }
  return since;
}

/** Records grouped by calendar day (UTC date of `at`), keeping their order. */
export function groupByDay<T extends { at: string }>(records: readonly T[]): { day: string; items: T[] }[] {
  const out: { day: string; items: T[] }[] = [];
  for (const r of records) {
    const day = r.at.slice(0, 10);
    const last = out[out.length - 1];
    if (last && last.day === day) last.items.push(r);
    else out.push({ day, items: [r] });
  }
  return out;
}
