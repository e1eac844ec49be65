import 'server-only';
import { z } from 'zod';
import { dockerGet } from '@/lib/server/docker';
import type { HostConfig } from '@/lib/server/hosts';
import type { ContainerHealthFact } from '@/lib/sysbox/snapshot';

const listSchema = z.array(z.object({ Id: z.string(), Names: z.array(z.string()).nullish() }));
const inspectSchema = z.object({
  Id: z.string(),
  Name: z.string().optional(),
  State: z
    .object({ Status: z.string().optional(), Error: z.string().optional(), StartedAt: z.string().optional() })
    .optional(),
  HostConfig: z.object({ Runtime: z.string().optional() }).optional(),
});

const INSPECT_CONCURRENCY = 8;

/**
 * Runtime, state, start time and State.Error of every container (the one
 * provider for containers.sysbox-health; it may later read a cached
 * inventory). Lists /containers/json?all=1, then inspects with bounded
 * concurrency. A container removed between list and inspect is skipped.
 * Never returns environment variables.
 */
export async function listContainerHealthFacts(host: HostConfig): Promise<ContainerHealthFact[]> {
  const list = listSchema.parse(await dockerGet(host, '/containers/json', { query: { all: 1 } }));
  const out: (ContainerHealthFact | null)[] = new Array(list.length).fill(null);
  let next = 0;
  async function worker() {
    while (next < list.length) {
      const i = next++;
      const item = list[i];
      if (!item) continue;
      try {
        const c = inspectSchema.parse(await dockerGet(host, `/containers/${item.Id}/json`));
        const started = c.State?.StartedAt;
        out[i] = {
          id: c.Id,
          name: (c.Name ?? item.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
          runtime: c.HostConfig?.Runtime ?? null,
          state: c.State?.Status ?? 'unknown',
          startedAt: started && !started.startsWith('0001-') ? started : null,
          error: c.State?.Error ? c.State.Error : null,
        };
      } catch (err) {
        if (err && typeof err === 'object' && (err as { code?: unknown }).code === 'not_found') continue;
        throw err;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, list.length) }, worker));
  return out.filter((c): c is ContainerHealthFact => c !== null);
}
