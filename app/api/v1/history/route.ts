import { fleetHistory, fleetHistoryQuerySchema } from '@/lib/server/history/query';
import { route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** History of every host (dashboard hosts relayed), newest first; `?host=` narrows it to one. */
export const GET = route({ query: fleetHistoryQuerySchema }, async ({ query }) => fleetHistory(query));
