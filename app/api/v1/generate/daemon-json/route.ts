import { daemonJsonFormSchema, buildDaemonJson } from '@/lib/kasm';
import { route } from '@/lib/server/http';

/** POST the form (JSON; omitted fields take their defaults, unknown keys are refused with 422) → { json, text, warnings }. */
export const POST = route({ body: daemonJsonFormSchema.strict() }, ({ body }) => buildDaemonJson(body));
