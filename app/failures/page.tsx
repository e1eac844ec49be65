import type { Metadata } from 'next';
import { Providers } from '@/components/providers';
import { Suspense } from 'react';
import { FailuresView } from '@/components/history/failures-view';
import { Skeleton } from '@/components/ui/skeleton';

export const metadata: Metadata = { title: 'Failures' };

export default function FailuresPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Failed sessions</h1>
        <p className="text-sm text-muted">
          Kasm removes a failed session within seconds; the dashboard keeps why it failed (Docker’s error, exit code, OOM), explained, with the fix.
        </p>
      </div>
      <Providers>
        <Suspense fallback={<Skeleton className="h-64" />}>
          <FailuresView />
        </Suspense>
      </Providers>
    </div>
  );
}
