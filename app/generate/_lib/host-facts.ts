import 'server-only';
import { hostFactsFrom, type HostFacts } from '@/components/generate/host-facts';
import { requireHost, statusOf } from '@/lib/server/fleet';

/**
 * The selected host's live values for a generator page, read on the server
 * from the same status the API serves (its stale-while-revalidate cache).
 * A host that cannot be read is not an error page: the generator still works
 * with typed-in values, and the note says why the live ones are missing.
 */
export async function hostFactsOf(host: string): Promise<HostFacts> {
  try {
    return hostFactsFrom(host, { ok: true, status: await statusOf(requireHost(host)) });
  } catch (err) {
    // Logged once with its cause; the page shows the message as the reason.
    console.error('[generate] host status unavailable', host, err);
    return hostFactsFrom(host, { ok: false, reason: err instanceof Error ? err.message : String(err) });
  }
}
