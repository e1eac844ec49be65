'use client';

import { DockerUnreachable } from '@/components/host/docker-unreachable';
import { Card } from '@/components/ui/card';
import { ApiError } from '@/lib/client/api';

/** Docker unreachable gets the whole-page explanation; anything else says what failed. */
export function ContainersError({ error, what }: { error: Error; what: string }) {
  if (error instanceof ApiError && error.code === 'docker_unreachable') {
    const e = (error.body as { error?: { endpoint?: unknown; reason?: unknown } } | null)?.error;
    return (
      <DockerUnreachable
        endpoint={typeof e?.endpoint === 'string' ? e.endpoint : 'DOCKER_HOST'}
        message={typeof e?.reason === 'string' ? e.reason : error.message}
      />
    );
  }
  return (
    <Card role="alert" className="border-fail">
      Could not load {what}: {error.message}
    </Card>
  );
}
