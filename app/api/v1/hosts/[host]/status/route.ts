import { requireHost, statusOf } from '@/lib/server/fleet';
import { hostParam, route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** Sysbox readiness of one host: verdict, checks with evidence and fixes, facts. 200 even when Docker is down. */
export const GET = route({ params: hostParam }, async ({ params }) => statusOf(requireHost(params.host)));
