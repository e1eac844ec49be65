import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { RunConfigGenerator } from '@/components/generate/run-config-generator';

export const metadata: Metadata = { title: 'Docker Run Config Override' };

export default function Page() {
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Docker Run Config Override</h1>
        <p className="text-sm text-muted">Runs a Workspace under Sysbox with systemd as init. Exactly what Kasm accepts; keys Kasm overrides and keys that break Sysbox are refused.</p>
      </div>
      <Suspense fallback={<Skeleton className="h-96" />}>
        <RunConfigGenerator />
      </Suspense>
    </div>
  );
}
