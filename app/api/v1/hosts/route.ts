import { route } from '@/lib/server/http';
import { listHosts } from '@/lib/server/hosts';
import { summarizeHost } from '@/lib/server/host-summary';

export const dynamic = 'force-dynamic';

export const GET = route({}, async () => ({
  hosts: await Promise.all(listHosts().map((h) => summarizeHost(h))),
}));
