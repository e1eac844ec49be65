import * as z from 'zod/mini';
import { kasmUserFactContract } from './hosts';

/**
 * GET /api/v1/hosts/{host}/status as the browser reads it: the zod/mini twin
 * of lib/sysbox/status.ts (the evaluator's schema, full zod, server side).
 * test/unit/contracts.test.ts proves the server's HostStatus satisfies this
 * type, so the two cannot drift apart unnoticed. Check ids are strings here:
 * adding a check stays one file in lib/sysbox/checks/ and does not touch the browser.
 */
const int = () => z.number().check(z.int());
const range = z.nullable(z.object({ start: int(), count: int() }));
const service = z.object({
  running: z.nullable(z.boolean()),
  pid: z.nullable(int()),
  startedAt: z.nullable(z.string()),
  exe: z.nullable(z.string()),
  executable: z.nullable(z.enum(['installed', 'replaced', 'other', 'unreadable'])),
});

export const checkContract = z.object({
  id: z.string(),
  status: z.enum(['pass', 'warn', 'fail', 'unknown']),
  critical: z.boolean(),
  title: z.string(),
  summary: z.string(),
  evidence: z.array(z.string()),
  fix: z.optional(z.object({ text: z.string(), commands: z.optional(z.array(z.string())), json: z.optional(z.string()) })),
  docs: z.optional(z.string()),
});
export type CheckContract = z.infer<typeof checkContract>;

export const hostStatusContract = z.object({
  host: z.object({ id: z.string(), name: z.string(), endpoint: z.string() }),
  checkedAt: z.string(),
  verdict: z.enum(['ready', 'degraded', 'not-ready']),
  checks: z.array(checkContract),
  facts: z.object({
    docker: z.nullable(
      z.object({
        version: z.string(),
        apiVersion: z.string(),
        runtimes: z.record(z.string(), z.object({ path: z.nullable(z.string()) })),
        defaultRuntime: z.nullable(z.string()),
        securityOptions: z.array(z.string()),
        kernelVersion: z.nullable(z.string()),
        os: z.nullable(z.string()),
      }),
    ),
    sysbox: z.object({
      version: z.nullable(z.string()),
      edition: z.nullable(z.enum(['CE', 'EE'])),
      services: z.object({ 'sysbox-mgr': service, 'sysbox-fs': service }),
    }),
    subid: z.object({ uid: range, gid: range }),
    kernel: z.object({
      version: z.nullable(z.string()),
      idMappedMounts: z.nullable(z.boolean()),
      overlayfsOnIdMapped: z.nullable(z.boolean()),
      tmpfsIdMapped: z.nullable(z.boolean()),
      shiftfs: z.nullable(z.enum(['loaded', 'available', 'absent'])),
      mechanism: z.nullable(z.enum(['idmapped-mounts', 'shiftfs', 'none'])),
    }),
    daemonJson: z.object({ path: z.string(), raw: z.nullable(z.string()), error: z.optional(z.string()) }),
    kasmUser: kasmUserFactContract,
  }),
});
export type HostStatusContract = z.infer<typeof hostStatusContract>;
