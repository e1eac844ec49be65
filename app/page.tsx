import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Overview, OverviewSkeleton } from '@/components/overview/overview';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Is this agent ready for Sysbox?</h1>
      <Suspense fallback={<OverviewSkeleton />}>
        <Overview />
      </Suspense>
    </div>
  );
}
