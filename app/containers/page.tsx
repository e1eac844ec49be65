import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContainersTable } from '@/components/containers/containers-table';
import { RequireDocker } from '@/components/containers/require-docker';
import { Skeleton } from '@/components/ui/skeleton';

export const metadata: Metadata = { title: 'Containers' };

export default function ContainersPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Containers</h1>
        <p className="text-sm text-muted">Which containers run under Sysbox, their live ID maps and what is wrong with them.</p>
      </div>
      <Suspense fallback={<Skeleton className="h-64" />}>
        <RequireDocker>
          <ContainersTable />
        </RequireDocker>
      </Suspense>
    </div>
  );
}
