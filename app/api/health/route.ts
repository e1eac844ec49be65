import { route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** Liveness: never touches Docker, never needs credentials (listed in lib/server/auth/public-routes.ts). */
export const GET = route({}, () => ({ ok: true }));
