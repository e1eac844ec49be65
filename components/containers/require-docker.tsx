'use client';

import type * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { DockerUnreachable } from '@/components/host/docker-unreachable';
import { useHostId } from '@/components/host/use-host';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { hostSummaryQuery } from '@/lib/client/hosts';

/**
 * Renders `children` (which query Docker-backed APIs) only while the host's
 * Docker answers; otherwise the whole-page "Docker unreachable" explanation.
 * The host summary answers 200 either way, so a down Docker causes no 5xx.
 */
export function RequireDocker({ children }: { children: React.ReactNode }) {
  const host = useHostId();
  const q = useQuery(hostSummaryQuery(host));
  if (q.isPending) return <Skeleton className="h-64" />;
  if (q.isError) {
    return (
      <Card role="alert" className="border-fail">
        Could not load host {host}: {q.error.message}
      </Card>
    );
  }
  if (!q.data.reachable) {
    return <DockerUnreachable endpoint={q.data.endpoint} message={q.data.error?.message ?? 'unknown error'} hostName={q.data.name} />;
  }
  return <>{children}</>;
}
