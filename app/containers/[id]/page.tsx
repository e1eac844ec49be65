import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContainerDetail } from '@/components/containers/container-detail';
import { RequireDocker } from '@/components/containers/require-docker';
import { Skeleton } from '@/components/ui/skeleton';

export const metadata: Metadata = { title: 'Container' };

export default async function ContainerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<Skeleton className="h-96" />}>
      <RequireDocker>
        <ContainerDetail id={id} />
      </RequireDocker>
    </Suspense>
  );
}
