import type { Metadata } from 'next';
import { Suspense } from 'react';
import { HostOverview } from '@/components/host/host-overview';
import { Skeleton } from '@/components/ui/skeleton';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Is this agent ready for Sysbox?</h1>
      <Suspense fallback={<Skeleton className="h-32" />}>
        <HostOverview />
      </Suspense>
    </div>
  );
}
