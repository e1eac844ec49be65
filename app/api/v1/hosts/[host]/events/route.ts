import { requireHost } from '@/lib/server/fleet';
import { hostParam, route } from '@/lib/server/http';
import { liveStream } from '@/lib/server/live';

export const dynamic = 'force-dynamic';

/**
 * Live changes of one host as Server-Sent Events (`Accept: text/event-stream`,
 * what EventSource sends): `hello`, then `container` {id, action, removed},
 * `containers` (re-listed: refetch), `status` {verdict, checkedAt}, `docker`
 * {live}, `resync`; heartbeats every 15 s; `Last-Event-ID` resumes. Any other
 * Accept gets a one-off JSON description (so plain GETs, such as the security
 * suite's, get an answer instead of a stream that never ends).
 */
export const GET = route({ params: hostParam }, async ({ req, params }) => {
  const host = requireHost(params.host);
  if (!(req.headers.get('accept') ?? '').includes('text/event-stream')) {
    return {
      host: host.id,
      stream: `/api/v1/hosts/${host.id}/events`,
      accept: 'text/event-stream',
      events: ['hello', 'container', 'containers', 'status', 'docker', 'resync'],
    };
  }
  const body = liveStream(host, req.headers.get('last-event-id'), req.signal);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // Reverse proxies (nginx) must not buffer the stream.
      'X-Accel-Buffering': 'no',
    },
  });
});
