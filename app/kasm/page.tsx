import type { Metadata } from 'next';
import { Providers } from '@/components/providers';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { KasmAuditView } from '@/components/kasm/kasm-audit';
import { KasmNotConfigured } from '@/components/kasm/not-configured';
import { Skeleton } from '@/components/ui/skeleton';
import { kasmConfigured } from '@/lib/server/kasm/config';

export const metadata: Metadata = { title: 'Kasm' };

export default async function KasmPage() {
  await connection();
  const on = kasmConfigured();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Kasm deployment audit</h1>
        <p className="text-sm text-muted">
          Every Workspace, group setting and storage provider, read from Kasm&apos;s API: which are set up for Sysbox, which are wrong, and what to
          paste instead.
        </p>
      </div>
      {on ? (
        <Providers>
          <Suspense fallback={<Skeleton className="h-64" />}>
            <KasmAuditView />
          </Suspense>
        </Providers>
      ) : (
        <KasmNotConfigured />
      )}
    </div>
  );
}
