import { AppError } from '@/lib/server/errors';
import { findHost } from '@/lib/server/hosts';
import { hostParam, route } from '@/lib/server/http';
import { getHostStatus } from '@/lib/server/probe/status';

export const dynamic = 'force-dynamic';

/** Sysbox readiness of one host: verdict, checks with evidence and fixes, facts. 200 even when Docker is down. */
export const GET = route({ params: hostParam }, async ({ params }) => {
  const host = findHost(params.host);
  if (!host) throw new AppError('not_found', `Unknown host "${params.host}"`);
  return getHostStatus(host);
});
