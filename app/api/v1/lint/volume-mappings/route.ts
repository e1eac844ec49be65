import { z } from 'zod';
import { idShiftSchema, lintVolumeMappings } from '@/lib/kasm';
import { route } from '@/lib/server/http';
import { kasmUserOfHost } from '@/lib/server/kasm-user';

// route() hands a 'text' body over as a string (its type parameter cannot say so).
const asText = (body: unknown): string => (typeof body === 'string' ? body : '');

const id = z.coerce.number().int().min(0).max(4294967294);
const query = z.object({
  host: z.string().min(1).max(64).optional(),
  subuidStart: id.optional(),
  subgidStart: id.optional(),
  idShift: idShiftSchema.optional(),
});

/**
 * POST the pasted volume_mappings as text → { findings }. ?host={id} judges the
 * uid/gid against that host's facts.kasmUser; for a host the dashboard cannot
 * see, subuidStart, subgidStart, idShift=yes|no|unknown say the same by hand.
 */
export const POST = route({ body: 'text', query }, async ({ body, query: q }) => {
  const fact = await kasmUserOfHost(q.host);
  const { host: _host, ...rest } = q;
  return { findings: lintVolumeMappings(asText(body), { ...rest, ...(fact ? { kasmUser: fact } : {}) }) };
});
