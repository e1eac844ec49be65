import { route } from '@/lib/server/http';
import { listAllHosts } from '@/lib/server/hosts';
import { summarizeHost } from '@/lib/server/host-summary';

export const dynamic = 'force-dynamic';

export const GET = route({}, async () => ({
  hosts: await Promise.all(listAllHosts().map((h) => summarizeHost(h))),
}));
