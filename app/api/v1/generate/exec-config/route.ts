import { execConfigFormSchema, buildExecConfig } from '@/lib/kasm';
import { route } from '@/lib/server/http';

/** POST the form (JSON; omitted fields take their defaults) → { json, text, warnings }. */
export const POST = route({ body: execConfigFormSchema }, ({ body }) => buildExecConfig(body));
