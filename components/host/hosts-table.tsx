'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusBadge, type Status } from '@/components/ui/status';
import { hostsQuery, type FleetRowDto } from '@/lib/client/hosts';

const VERDICT: Record<NonNullable<FleetRowDto['verdict']>, { status: Status; label: string }> = {
  ready: { status: 'pass', label: 'Ready' },
  degraded: { status: 'warn', label: 'Needs attention' },
  'not-ready': { status: 'fail', label: 'Not ready' },
};

function ago(iso: string | undefined, now: number): string {
  if (!iso) return '–';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

function hostHref(path: string, id: string): string {
  return id === 'local' ? path : `${path}?host=${encodeURIComponent(id)}`;
}

function Verdict({ row }: { row: FleetRowDto }) {
  if (!row.reachable) return <StatusBadge status="fail" label="Unreachable" />;
  if (!row.verdict) return <StatusBadge status="unknown" />;
  const v = VERDICT[row.verdict];
  return <StatusBadge status={v.status} label={v.label} />;
}

function Runtime({ value }: { value: boolean | null | undefined }) {
  if (value === true) return <StatusBadge status="pass" label="registered" />;
  if (value === false) return <StatusBadge status="fail" label="missing" />;
  return <StatusBadge status="unknown" />;
}

/** The fleet: one row per agent, verdict first; unreachable hosts say so and since when. */
export function HostsTable() {
  const q = useQuery(hostsQuery());
  if (q.isPending) return <Skeleton className="h-32" />;
  if (q.isError) return <Card role="alert">Could not load hosts: {q.error.message}</Card>;
  const now = q.dataUpdatedAt;
  return (
    <Card className="overflow-x-auto p-0">
      <table className="w-full min-w-[860px] text-sm">
        <thead className="border-b border-border text-left text-muted">
          <tr>
            <th className="p-3">Host</th>
            <th className="p-3">Sysbox readiness</th>
            <th className="p-3">Sysbox</th>
            <th className="p-3">Kernel</th>
            <th className="p-3">sysbox-runc</th>
            <th className="p-3 text-right">Sysbox containers</th>
            <th className="p-3 text-right">Kasm sessions</th>
            <th className="p-3 text-right">With findings</th>
            <th className="p-3">Checked</th>
          </tr>
        </thead>
        <tbody>
          {q.data.hosts.map((h) => (
            <tr key={h.id} className="border-b border-border align-top last:border-0" data-testid={`host-row-${h.id}`}>
              <td className="p-3">
                <Link className="font-medium text-accent underline" href={hostHref('/', h.id)}>
                  {h.name}
                </Link>
                <div className="font-mono text-xs text-muted">
                  {h.id} · {h.kind === 'dashboard' ? 'dashboard ' : ''}
                  {h.endpoint}
                </div>
                <Link className="text-xs text-accent underline" href={hostHref('/containers', h.id)}>
                  containers
                </Link>
              </td>
              <td className="p-3">
                <Verdict row={h} />
                {h.reachable && h.problems ? <div className="mt-1 text-xs text-muted">{h.problems} checks not passing</div> : null}
                {!h.reachable ? (
                  <div className="mt-1 max-w-xs text-xs text-muted">
                    {h.error?.message}
                    {h.unreachableSince ? <> · since {new Date(h.unreachableSince).toLocaleTimeString()}</> : null}
                  </div>
                ) : null}
              </td>
              <td className="p-3 font-mono">
                {h.sysboxVersion ?? <span className="text-muted">{h.reachable ? 'not found' : '–'}</span>}
              </td>
              <td className="p-3 font-mono text-xs">
                {h.kernel ?? '–'}
                {h.kasmUser ? (
                  <div className="mt-1 text-muted" data-testid="fleet-kasm-user" title={h.kasmUser.explanation}>
                    kasm-user {h.kasmUser.uid !== null ? `${h.kasmUser.uid}/${h.kasmUser.gid ?? '?'}` : h.kasmUser.source === 'per-container' ? 'per container' : 'unknown'}
                  </div>
                ) : null}
              </td>
              <td className="p-3">
                <Runtime value={h.runtimeRegistered} />
              </td>
              <td className="p-3 text-right font-mono">{h.counts ? h.counts.sysbox : '–'}</td>
              <td className="p-3 text-right font-mono">{h.counts ? h.counts.sessions : '–'}</td>
              <td className="p-3 text-right font-mono">{h.counts ? h.counts.withFindings : '–'}</td>
              <td className="p-3 text-xs text-muted">{ago(h.checkedAt, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
