import { requireHost } from '@/lib/server/fleet';
import { hostHistory, historyQuerySchema } from '@/lib/server/history/query';
import { hostParam, route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** Failed sessions and the verdict timeline of one host, newest first (`?kind=verdict|failure&since=&limit=`). */
export const GET = route({ params: hostParam, query: historyQuerySchema }, async ({ params, query }) => hostHistory(requireHost(params.host), query));
