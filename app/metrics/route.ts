import { route } from '@/lib/server/http';
import { METRICS_CONTENT_TYPE, renderMetrics } from '@/lib/server/metrics/collect';

export const dynamic = 'force-dynamic';

/**
 * Prometheus text exposition (README "Monitoring"). Outside /api/v1 because
 * that is where Prometheus looks by default, but protected like every API
 * route: the bearer token (what a Prometheus `authorization` block sends) or
 * a session; proxy.ts answers 401 before this runs, and route() checks again.
 */
export const GET = route({}, async () => {
  const text = await renderMetrics();
  return new Response(text, { status: 200, headers: { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' } });
});
