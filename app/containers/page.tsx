import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Providers } from '@/components/providers';
import { ContainersTable } from '@/components/containers/containers-table';
import { RequireDocker } from '@/components/containers/require-docker';
import { containersData, searchParamsOf, type PageSearchParams } from '@/lib/server/page-data';

export const metadata: Metadata = { title: 'Containers' };

/** Server-rendered with the first page of containers for the URL's filters; live updates keep it current. */
export default async function ContainersPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const state = await containersData(searchParamsOf(await searchParams));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Containers</h1>
        <p className="text-sm text-muted">Which containers run under Sysbox, their live ID maps and what is wrong with them.</p>
      </div>
      {/* No Suspense fallback: the page is dynamic and its data is already here, so nothing shows a skeleton first. */}
      <Providers>
        <HydrationBoundary state={state}>
          <RequireDocker>
            <ContainersTable />
          </RequireDocker>
        </HydrationBoundary>
      </Providers>
    </div>
  );
}
