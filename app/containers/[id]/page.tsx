import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Providers } from '@/components/providers';
import { ContainerDetail } from '@/components/containers/container-detail';
import { RequireDocker } from '@/components/containers/require-docker';
import { containerData, searchParamsOf, type PageSearchParams } from '@/lib/server/page-data';

export const metadata: Metadata = { title: 'Container' };

/** Server-rendered with the container (no skeleton on first paint); live updates keep it current. */
export default async function ContainerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> }) {
  const { id } = await params;
  const state = await containerData(searchParamsOf(await searchParams), id);
  return (
    <Providers>
      <HydrationBoundary state={state}>
        <RequireDocker>
          <ContainerDetail id={id} />
        </RequireDocker>
      </HydrationBoundary>
    </Providers>
  );
}
