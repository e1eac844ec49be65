import { z } from 'zod';
import { idShiftSchema, lintVolumeMappings } from '@/lib/kasm';
import { route } from '@/lib/server/http';

// route() hands a 'text' body over as a string (its type parameter cannot say so).
const asText = (body: unknown): string => (typeof body === 'string' ? body : '');

const id = z.coerce.number().int().min(0).max(4294967294);
const query = z.object({ subuidStart: id.optional(), subgidStart: id.optional(), idShift: idShiftSchema.optional() });

/**
 * POST the pasted volume_mappings as text → { findings }. Optional query
 * subuidStart, subgidStart, idShift=yes|no|unknown explain the uid/gid for a host.
 */
export const POST = route({ body: 'text', query }, ({ body, query: q }) => ({ findings: lintVolumeMappings(asText(body), q) }));
