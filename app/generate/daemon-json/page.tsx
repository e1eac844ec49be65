import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { DaemonJsonGenerator } from '@/components/generate/daemon-json-generator';

export const metadata: Metadata = { title: 'daemon.json for Sysbox' };

export default function Page() {
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">daemon.json for Sysbox</h1>
        <p className="text-sm text-muted">Registers the sysbox-runc runtime (and the guide&apos;s network ranges) in the host&apos;s Docker config, keeping every other key.</p>
      </div>
      <Suspense fallback={<Skeleton className="h-96" />}>
        <DaemonJsonGenerator />
      </Suspense>
    </div>
  );
}
