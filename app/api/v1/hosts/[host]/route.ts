import { requireHost } from '@/lib/server/fleet';
import { route, hostParam } from '@/lib/server/http';
import { summarizeHost } from '@/lib/server/host-summary';

export const dynamic = 'force-dynamic';

export const GET = route({ params: hostParam }, async ({ params }) => summarizeHost(requireHost(params.host)));
