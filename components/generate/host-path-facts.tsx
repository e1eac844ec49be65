'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHostId } from '@/components/host/use-host';
import { hostPathQuery } from '@/lib/client/generate';

/** The value after it stopped changing for `ms` (no request per keystroke). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Under the Host path field: the folder's filesystem type and owner as the
 * host shows them (GET /api/v1/hosts/{host}/host-path), and the warning when
 * it is a network filesystem and the ids are 1000/1000. Unknown says why.
 */
export function HostPathFacts({ hostPath, uid, gid }: { hostPath: string; uid: number | undefined; gid: number | undefined }) {
  const host = useHostId();
  const settled = useSettled({ hostPath: hostPath.trim(), uid, gid }, 300);
  const valid = settled.hostPath.startsWith('/');
  const q = useQuery({ ...hostPathQuery(host, settled.hostPath, settled.uid, settled.gid), enabled: valid });
  if (!valid) return null;
  if (q.isPending) return <p className="text-xs text-muted" data-testid="host-path-facts">Reading the host folder…</p>;
  if (q.error) return <p className="text-xs text-muted" data-testid="host-path-facts">Filesystem and owner unknown: {q.error.message}</p>;
  const { hostPath: fact, notes } = q.data;
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
