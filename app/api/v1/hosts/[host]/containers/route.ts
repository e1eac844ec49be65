import { getContainerPage } from '@/lib/server/containers/first-page';
import { containerQuerySchema, queryContainers } from '@/lib/server/containers/query';
import { containersOf, requireHost } from '@/lib/server/fleet';
import { hostParam, route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

export const GET = route({ params: hostParam, query: containerQuerySchema }, async ({ req, params, query }) => {
  const host = requireHost(params.host);
  if (host.kind === 'docker') return getContainerPage(host, query);
  // Remote dashboards get the (already validated) query string as it came.
  return containersOf(host, req.nextUrl.searchParams, (all) => queryContainers(all, query));
});
