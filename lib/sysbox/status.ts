import { z } from 'zod';
import { checkSchema, type Check } from './check';
import { kasmUserFactSchema } from './kasm-user';

/**
 * GET /api/v1/hosts/{host}/status: the one schema shared by the evaluator,
 * the route, the tests and the client.
 */
const range = z.object({ start: z.number().int(), count: z.number().int() }).nullable();
const service = z.object({ running: z.boolean().nullable(), pid: z.number().int().nullable(), startedAt: z.string().nullable() });

export const hostStatusSchema = z.object({
  host: z.object({ id: z.string(), name: z.string(), endpoint: z.string() }),
  checkedAt: z.string(),
  verdict: z.enum(['ready', 'degraded', 'not-ready']),
  checks: z.array(checkSchema),
  facts: z.object({
    docker: z
      .object({
        version: z.string(),
        apiVersion: z.string(),
        runtimes: z.record(z.string(), z.object({ path: z.string().nullable() })),
        defaultRuntime: z.string().nullable(),
        securityOptions: z.array(z.string()),
        kernelVersion: z.string().nullable(),
        os: z.string().nullable(),
      })
      .nullable(),
    sysbox: z.object({
      version: z.string().nullable(),
      edition: z.enum(['CE', 'EE']).nullable(),
      services: z.object({ 'sysbox-mgr': service, 'sysbox-fs': service }),
    }),
    subid: z.object({ uid: range, gid: range }),
    kernel: z.object({
      version: z.string().nullable(),
      idMappedMounts: z.boolean().nullable(),
      overlayfsOnIdMapped: z.boolean().nullable(),
      tmpfsIdMapped: z.boolean().nullable(),
      shiftfs: z.enum(['loaded', 'available', 'absent']).nullable(),
      mechanism: z.enum(['idmapped-mounts', 'shiftfs', 'none']).nullable(),
    }),
    daemonJson: z.object({ path: z.string(), raw: z.string().nullable(), error: z.string().optional() }),
    /** kasm-user's host uid/gid: the one evaluator's answer (lib/sysbox/kasm-user.ts). */
    kasmUser: kasmUserFactSchema,
  }),
});
export type HostStatus = z.infer<typeof hostStatusSchema>;
export type Verdict = HostStatus['verdict'];

/**
 * ready: no fail, no warn, and no unknown among the Sysbox-critical checks;
 * degraded: warnings (or a critical check that could not be decided);
 * not-ready: any fail. An unknown never counts as a pass.
 */
export function verdictOf(checks: Check[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'not-ready';
  if (checks.some((c) => c.status === 'warn' || (c.critical && c.status === 'unknown'))) return 'degraded';
  return 'ready';
}
