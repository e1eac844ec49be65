import { route, hostParam } from '@/lib/server/http';
import { AppError } from '@/lib/server/errors';
import { findAnyHost } from '@/lib/server/hosts';
import { summarizeHost } from '@/lib/server/host-summary';

export const dynamic = 'force-dynamic';

export const GET = route({ params: hostParam }, async ({ params }) => {
  const host = findAnyHost(params.host);
  if (!host) throw new AppError('not_found', `Unknown host "${params.host}"`);
  return summarizeHost(host);
});
