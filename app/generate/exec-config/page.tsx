import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { ExecConfigGenerator } from '@/components/generate/exec-config-generator';

export const metadata: Metadata = { title: 'Docker Exec Config: sudo for kasm-user' };

export default function Page() {
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Docker Exec Config: sudo for kasm-user</h1>
        <p className="text-sm text-muted">A first_launch hook, run as root once per new container, that gives the Workspace user sudo. The cmd is quoted for bash -c inside JSON.</p>
        <p className="text-sm text-warn" data-testid="exec-config-log-warning">
          Kasm logs the exec_config at debug level: anything secret in it (a sudo password) lands in Kasm’s logs as well as in its database.
        </p>
      </div>
      <Suspense fallback={<Skeleton className="h-96" />}>
        <ExecConfigGenerator />
      </Suspense>
    </div>
  );
}
