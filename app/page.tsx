import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Providers } from '@/components/providers';
import { Overview } from '@/components/overview/overview';
import { overviewData, searchParamsOf, type PageSearchParams } from '@/lib/server/page-data';

export const metadata: Metadata = { title: 'Overview' };

/** Server-rendered with the host's status (no skeleton on first paint); the client keeps it current. */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const state = await overviewData(searchParamsOf(await searchParams));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Is this agent ready for Sysbox?</h1>
      {/* No Suspense fallback: the page is dynamic and its data is already here, so nothing shows a skeleton first. */}
      <Providers>
        <HydrationBoundary state={state}>
          <Overview />
        </HydrationBoundary>
      </Providers>
    </div>
  );
}
