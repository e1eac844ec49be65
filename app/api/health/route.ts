import { route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** Liveness: never touches Docker, never needs credentials. */
export const GET = route({ auth: false }, () => ({ ok: true }));
