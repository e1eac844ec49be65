import 'server-only';
import type { StatusDigest } from '@/lib/sysbox/history';

/**
 * What the history recorder remembers per host, in memory: the containers it
 * has seen events for (the last MAX_TRACKED, least recently used dropped), the
 * inspects in flight, the last status digest, and counters for tests and the
 * bench. Kept on globalThis so a dev reload does not forget it.
 */
const MAX_TRACKED = 5000;

export interface Tracked {
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

export interface HostState {
  tracked: Map<string, Tracked>;
  inflight: Set<string>;
  lastDigest: StatusDigest | null | undefined;
  stats: { events: number; inspects: number; recorded: number; verdicts: number };
  pending: Set<Promise<void>>;
}

const g = globalThis as unknown as { __ksdRecorder?: Map<string, HostState> };
const states = (g.__ksdRecorder ??= new Map<string, HostState>());

export function stateFor(hostId: string): HostState {
  let s = states.get(hostId);
  if (!s) {
    s = { tracked: new Map(), inflight: new Set(), lastDigest: undefined, stats: { events: 0, inspects: 0, recorded: 0, verdicts: 0 }, pending: new Set() };
    states.set(hostId, s);
  }
  return s;
}

export function track(s: HostState, id: string): Tracked {
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
