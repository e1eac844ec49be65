import type { HostPathFact, HostPathNote } from '@/lib/sysbox/host-path';

/** The host folder's facts as the server read them for the form's Host path (null: no absolute path typed). */
export type HostPathResult = { ok: true; hostPath: HostPathFact; notes: HostPathNote[] } | { ok: false; message: string } | null;

/**
 * Under the Host path field: the folder's filesystem type and owner as the
 * host shows them (read on the server, like GET /api/v1/hosts/{host}/host-path),
 * and the warning when it is a network filesystem and the ids are 1000/1000.
 * Unknown says why.
 */
export function HostPathFacts({ result }: { result: HostPathResult }) {
  if (!result) return null;
  if (!result.ok) return <p className="text-xs text-muted" data-testid="host-path-facts">Filesystem and owner unknown: {result.message}</p>;
  const { hostPath: fact, notes } = result;
  return (
    <div className="space-y-1" data-testid="host-path-facts">
      {fact.fsType !== null && fact.checkedPath !== null ? (
        <p className="text-xs" data-testid="host-path-fs">
          <span className="font-mono">{fact.checkedPath}</span>: {fact.fsType} filesystem, owned by{' '}
          <span className="font-mono select-all">{fact.owner ? `${fact.owner.uid}:${fact.owner.gid}` : 'unknown'}</span>
          {fact.network ? ' (network filesystem: Sysbox cannot ID-map it)' : ''}
        </p>
      ) : null}
      {notes
        .filter((n) => n.id !== 'host-path.fs')
        .map((n) =>
          n.severity === 'warning' ? (
            <p key={n.id} role="alert" className="rounded-md border border-warn/50 bg-warn/10 p-2 text-sm" data-testid="host-path-warning">
              ⚠ Warning: {n.message}
            </p>
          ) : (
            <p key={n.id} className="text-xs text-muted" data-testid={`note-${n.id}`}>
              {n.message}
            </p>
          ),
        )}
    </div>
  );
}
