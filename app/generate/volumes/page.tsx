import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { VolumesGenerator } from '@/components/generate/volumes-generator';

export const metadata: Metadata = { title: 'Volume and storage mappings' };

export default function Page() {
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Volume and storage mappings</h1>
        <p className="text-sm text-muted">Mappings whose uid/gid match what kasm-user really is on this host under Sysbox.</p>
      </div>
      <Suspense fallback={<Skeleton className="h-96" />}>
        <VolumesGenerator />
      </Suspense>
    </div>
  );
}
