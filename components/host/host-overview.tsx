'use client';

import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusBadge } from '@/components/ui/status';
import { hostSummaryQuery } from '@/lib/client/hosts';
import { DockerUnreachable } from './docker-unreachable';
import { useHostId } from './use-host';

export function HostOverview() {
  const host = useHostId();
  const q = useQuery(hostSummaryQuery(host));
  if (q.isPending) return <Skeleton className="h-32" />;
  if (q.isError) return <Card role="alert">Could not load host {host}: {q.error.message}</Card>;
  const h = q.data;
  if (!h.reachable) return <DockerUnreachable endpoint={h.endpoint} message={h.error?.message ?? 'unknown error'} hostName={h.name} />;
  return (
    <Card>
      <StatusBadge status="pass" label="Docker reachable" />
      <p className="mt-2 text-sm">
        Docker <span className="font-mono">{h.docker?.version}</span> (API <span className="font-mono">{h.docker?.apiVersion}</span>) at{' '}
        <span className="font-mono">{h.endpoint}</span>
      </p>
    </Card>
  );
}
