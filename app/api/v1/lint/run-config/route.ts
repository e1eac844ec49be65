import { lintRunConfig } from '@/lib/kasm';
import { route } from '@/lib/server/http';

// route() hands a 'text' body over as a string (its type parameter cannot say so).
const asText = (body: unknown): string => (typeof body === 'string' ? body : '');

/** POST the pasted run_config as text → { findings: [{ id, severity, message, line?, column? }] }. */
export const POST = route({ body: 'text' }, ({ body }) => ({ findings: lintRunConfig(asText(body)) }));
