import { fleetRow } from '@/lib/server/fleet';
import { route } from '@/lib/server/http';
import { listAllHosts } from '@/lib/server/hosts';

export const dynamic = 'force-dynamic';

/** Every configured host, probed in parallel (each bounded by its own timeout). */
export const GET = route({}, async () => ({
  hosts: await Promise.all(listAllHosts().map((h) => fleetRow(h))),
}));
