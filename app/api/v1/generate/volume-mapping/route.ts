import { z } from 'zod';
import { volumeMappingFormSchema, buildVolumeMapping, volumeMappingIds } from '@/lib/kasm';
import { route } from '@/lib/server/http';
import { kasmUserOfHost, missingIdsError } from '@/lib/server/kasm-user';

const query = z.object({ host: z.string().min(1).max(64).optional() });

/**
 * POST the form (JSON; omitted fields take their defaults, unknown keys are refused with 422) → { json, text, warnings }.
 * Omitted uid/gid come from ?host={id}'s facts.kasmUser; with neither, 422 naming them.
 */
export const POST = route({ body: volumeMappingFormSchema.strict(), query }, async ({ body, query: q }) => {
  const fact = await kasmUserOfHost(q.host);
  const ids = volumeMappingIds(body, fact);
  if (ids.missing.length > 0) throw missingIdsError(ids.missing, q.host, fact);
  return buildVolumeMapping(body, fact);
});
