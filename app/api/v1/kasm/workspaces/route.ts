import { z } from 'zod';
import { hostParam, route } from '@/lib/server/http';
import { auditKasmForHost } from '@/lib/server/kasm/audit';

export const dynamic = 'force-dynamic';

const query = z.object({ host: hostParam.shape.host.default('local') }).loose();

/**
 * The Kasm deployment audit: every Workspace with its effective config and
 * findings, group settings and storage providers, judged against the chosen
 * agent's kasm-user (?host=, default local). Kasm errors are 502 with code
 * kasm_unreachable | kasm_auth | kasm_error; feature off is 503 kasm_not_configured.
 */
export const GET = route({ query }, async ({ query }) => auditKasmForHost(query.host));
