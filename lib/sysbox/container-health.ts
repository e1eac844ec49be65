import { sysboxErrorFinding } from './container-findings';
import type { Finding } from './container-schema';
import type { KnownSysboxError } from './known-errors';
import { isSysboxRuntime } from './runtime';
import type { ContainerHealthFact } from './snapshot';

// The one table of known Sysbox errors is known-errors.ts; re-exported for existing importers.

export interface ContainerProblem {
  container: ContainerHealthFact;
  kind: 'error' | 'stale';
  known: KnownSysboxError | null;
  /** The container finding this problem is (`sysbox.error`); null for a stale container, which no finding covers. */
  finding: Finding | null;
  detail: string;
}

/**
 * Sysbox containers with a known failure in State.Error (the `sysbox.error`
 * container finding), and running ones that started before the current
 * sysbox-fs process (stale: must be recreated). A runtime-not-registered
 * error counts whatever the container's runtime: Docker refused sysbox-runc.
 */
export function findContainerProblems(containers: ContainerHealthFact[], sysboxFsStartedAt: string | null): ContainerProblem[] {
  const out: ContainerProblem[] = [];
  const fsStart = sysboxFsStartedAt ? Date.parse(sysboxFsStartedAt) : NaN;
  for (const c of containers) {
    const e = sysboxErrorFinding(c.error);
    if (e && (isSysboxRuntime(c.runtime) || e.known.id === 'runtime-not-registered')) {
      out.push({ container: c, kind: 'error', known: e.known, finding: e.finding, detail: e.known.meaning });
      continue;
    }
    if (!isSysboxRuntime(c.runtime) || c.state !== 'running' || !c.startedAt || Number.isNaN(fsStart)) continue;
    const started = Date.parse(c.startedAt);
    // 1 s of slack: process start times come in clock ticks.
    if (!Number.isNaN(started) && started < fsStart - 1000) {
      out.push({
        container: c,
        kind: 'stale',
        known: null,
        finding: null,
        detail: `started ${c.startedAt}, before the current sysbox-fs (${sysboxFsStartedAt}); it lost its /proc emulation and must be recreated.`,
      });
    }
  }
  return out;
}
