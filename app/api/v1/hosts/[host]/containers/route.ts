import { getContainerInventory } from '@/lib/server/containers/inventory';
import { containerQuerySchema, queryContainers } from '@/lib/server/containers/query';
import { AppError } from '@/lib/server/errors';
import { findHost } from '@/lib/server/hosts';
import { hostParam, route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

export const GET = route({ params: hostParam, query: containerQuerySchema }, async ({ params, query }) => {
  const host = findHost(params.host);
  if (!host) throw new AppError('not_found', `Unknown host "${params.host}"`);
  return queryContainers(await getContainerInventory(host), query);
});
