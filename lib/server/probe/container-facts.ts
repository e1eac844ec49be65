import 'server-only';
import { getContainerFacts } from '@/lib/server/containers/inventory';
import type { HostConfig } from '@/lib/server/hosts';
import type { ContainerHealthFact } from '@/lib/sysbox/snapshot';

/**
 * Runtime, state, start time and State.Error of every container: the one
 * provider for containers.sysbox-health. Read from the cached container
 * inventory (one /containers/json per call when warm; inspects only for new or
 * changed containers), so the Overview and the Containers page share their
 * Docker calls. Never returns environment variables.
 */
export async function listContainerHealthFacts(host: HostConfig): Promise<ContainerHealthFact[]> {
  const facts = await getContainerFacts(host);
  return facts.map((f) => ({
    id: f.container.id,
    name: f.container.name,
    runtime: f.container.runtime || null,
    state: f.container.state,
    startedAt: f.container.startedAt,
    error: f.stateError ? f.stateError : null,
    idMap: f.container.idMap,
  }));
}
