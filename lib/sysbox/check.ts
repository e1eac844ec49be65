import { z } from 'zod';

/**
 * One readiness check as the API returns it. Shared by the evaluators, the
 * route, the integration test and the client (types come from z.infer).
 */
export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'unknown']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const checkIdSchema = z.enum([
  'docker.reachable',
  'docker.rootless',
  'docker.snap',
  'sysbox.installed',
  'sysbox.runtime',
  'sysbox.services',
  'daemon-json',
  'kernel.version',
  'kernel.id-shifting',
  'kernel.userns',
  'subid.sysbox',
  'host.os',
  'containers.sysbox-health',
]);
export type CheckId = z.infer<typeof checkIdSchema>;

export const fixSchema = z.object({
  text: z.string(),
  commands: z.array(z.string()).optional(),
  json: z.string().optional(),
});
export type Fix = z.infer<typeof fixSchema>;

export const checkSchema = z.object({
  id: checkIdSchema,
  status: checkStatusSchema,
  /** Whether the verdict counts this check as Sysbox-critical (an unknown here blocks "ready"). */
  critical: z.boolean(),
  title: z.string(),
  summary: z.string(),
  evidence: z.array(z.string()),
  fix: fixSchema.optional(),
  docs: z.string().optional(),
});
export type Check = z.infer<typeof checkSchema>;

export const DOCS = {
  kasmGuide: 'https://kasmweb.com/docs/latest/how_to/sysbox_runtime.html',
  sysboxInstall: 'https://github.com/nestybox/sysbox/blob/master/docs/user-guide/install-package.md',
  sysboxDistro: 'https://github.com/nestybox/sysbox/blob/master/docs/distro-compat.md',
  sysboxTroubleshoot: 'https://github.com/nestybox/sysbox/blob/master/docs/user-guide/troubleshoot.md',
  sysboxReleases: 'https://github.com/nestybox/sysbox/releases',
  dockerRootless: 'https://docs.docker.com/engine/security/rootless/',
} as const;

/** Small builder so evaluators read as a list of facts. */
export function check(
  id: CheckId,
  critical: boolean,
  status: CheckStatus,
  title: string,
  summary: string,
  evidence: string[],
  extra: { fix?: Fix; docs?: string } = {},
): Check {
  const c: Check = { id, status, critical, title, summary, evidence };
  if (extra.fix) c.fix = extra.fix;
  if (extra.docs) c.docs = extra.docs;
  return c;
}
