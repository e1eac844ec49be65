'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusBadge } from '@/components/ui/status';
import { hostsQuery } from '@/lib/client/hosts';

export function HostsTable() {
  const q = useQuery(hostsQuery());
  if (q.isPending) return <Skeleton className="h-24" />;
  if (q.isError) return <Card role="alert">Could not load hosts: {q.error.message}</Card>;
  return (
    <Card className="overflow-x-auto p-0">
      <table className="w-full text-sm">
        <thead className="border-b border-border text-left text-muted">
          <tr>
            <th className="p-3">Host</th>
            <th className="p-3">Docker</th>
            <th className="p-3">Endpoint</th>
            <th className="p-3">Checked</th>
          </tr>
        </thead>
        <tbody>
          {q.data.hosts.map((h) => (
            <tr key={h.id} className="border-b border-border last:border-0" data-testid={`host-row-${h.id}`}>
              <td className="p-3">
                <Link className="font-medium text-accent underline" href={h.id === 'local' ? '/' : `/?host=${h.id}`}>
                  {h.name}
                </Link>{' '}
                <span className="font-mono text-xs text-muted">({h.id})</span>
              </td>
              <td className="p-3">
                {h.reachable ? (
                  <StatusBadge status="pass" label={`Docker ${h.docker?.version ?? ''}`} />
                ) : (
                  <StatusBadge status="fail" label="Unreachable" title={h.error?.message} />
                )}
              </td>
              <td className="p-3 font-mono text-xs">{h.endpoint}</td>
              <td className="p-3 text-xs text-muted">{new Date(h.checkedAt).toLocaleTimeString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
