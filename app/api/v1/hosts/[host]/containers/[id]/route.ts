import { z } from 'zod';
import { getContainerInventory } from '@/lib/server/containers/inventory';
import { CONTAINER_REF_RE, findContainer } from '@/lib/server/containers/query';
import { AppError } from '@/lib/server/errors';
import { requireHost } from '@/lib/server/fleet';
import { hostParam, route } from '@/lib/server/http';
import { remoteGetParsed } from '@/lib/server/remote-dashboard';
import { containerSchema } from '@/lib/sysbox/container-schema';

export const dynamic = 'force-dynamic';

const params = hostParam.extend({
  id: z.string().regex(CONTAINER_REF_RE, 'a container id or name: letters, digits, _ . - (up to 128)'),
});

export const GET = route({ params }, async ({ params: p }) => {
  const host = requireHost(p.host);
  if (host.kind === 'dashboard') {
    return remoteGetParsed(host, `/api/v1/hosts/local/containers/${p.id}`, containerSchema);
  }
  const container = findContainer(await getContainerInventory(host), p.id);
  if (!container) throw new AppError('not_found', `No container "${p.id}" on host ${host.id}`);
  return container;
});
