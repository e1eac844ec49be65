import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import type { HostStatus } from '@/lib/sysbox/status';

/**
 * Live host values the generators use, taken on the server from the host's
 * status (the same object GET /api/v1/hosts/{host}/status serves). The status
 * may be unavailable (unknown host, Docker or a remote dashboard failing): the
 * values are then null with the reason, and the page falls back to typed-in values.
 */
export interface HostFacts {
  hostName: string;
  subuidStart: number | null;
  subgidStart: number | null;
  /** Where the sysbox subuid start came from (the /etc/subuid files). */
  subidSource: 'subuid' | null;
  /** Whether Sysbox can ID-shift bind mounts on this host. */
  idShift: 'yes' | 'no' | 'unknown';
  mechanism: string | null;
  daemonJson: { path: string; raw: string | null; error?: string } | null;
  /** The host's facts.kasmUser: the server's one evaluator (lib/sysbox/kasm-user.ts); null when unavailable. */
  kasmUser: KasmUserFact | null;
  /** Whether the kernel does ID-mapped mounts (null: unknown). */
  idMappedMounts: boolean | null;
  /** Why some values are unknown. */
  notes: string[];
}

/** Host facts from a host's status, or from the reason it could not be read (pure: unit-tested). */
export function hostFactsFrom(host: string, status: { ok: true; status: HostStatus } | { ok: false; reason: string }): HostFacts {
  if (!status.ok) {
    return { hostName: host, subuidStart: null, subgidStart: null, subidSource: null, idShift: 'unknown', mechanism: null, daemonJson: null, kasmUser: null, idMappedMounts: null, notes: [`Host status: ${status.reason}`] };
  }
  const { facts } = status.status;
  const subuidStart = facts.subid.uid?.start ?? null;
  const mechanism = facts.kernel.mechanism;
  const dj = facts.daemonJson;
  return {
    hostName: status.status.host.name,
    subuidStart,
    subgidStart: facts.subid.gid?.start ?? null,
    subidSource: subuidStart !== null ? 'subuid' : null,
    idShift: mechanism === 'idmapped-mounts' || mechanism === 'shiftfs' ? 'yes' : mechanism === 'none' ? 'no' : 'unknown',
    mechanism,
    daemonJson: { path: dj.path, raw: dj.raw, ...(dj.error !== undefined ? { error: dj.error } : {}) },
    kasmUser: facts.kasmUser,
    idMappedMounts: facts.kernel.idMappedMounts,
    notes: [],
  };
}

/** The host's kasm-user fact when it knows the ids; otherwise none (the typed-in starts are used). */
export function knownHostFact(f: KasmUserFact | null | undefined): KasmUserFact | null {
  return f && (f.uid !== null || f.source === 'per-container') ? f : null;
}

export function HostFactsNote({ facts }: { facts: HostFacts }) {
  const got = (facts.kasmUser !== null && facts.kasmUser.source !== 'unknown') || facts.subuidStart !== null || facts.idShift !== 'unknown' || facts.daemonJson !== null;
  return (
    <details className="text-xs text-muted">
      <summary className="cursor-pointer">
        {got ? `Live values from ${facts.hostName} are filled in (you can override them).` : `No live values from ${facts.hostName}: type the values in.`}
      </summary>
      <ul className="mt-1 list-disc pl-5">
        {facts.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
        {facts.kasmUser ? <li data-testid="kasm-user-fact">facts.kasmUser ({facts.kasmUser.source}): {facts.kasmUser.explanation}</li> : null}
        {facts.mechanism ? <li>Kernel ID shifting: {facts.mechanism}</li> : null}
      </ul>
    </details>
  );
}
