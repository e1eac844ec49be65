import { z } from 'zod';
import { severitySchema } from './output';

/** What the deployment audit answers (GET /api/v1/kasm/workspaces); the browser parses it with kasmAuditSchema. */
export const auditFindingSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  message: z.string(),
  /** The Kasm field: run_config, exec_config, volume_mappings, require_gpu, ..., or "group <name>: run_config". */
  field: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type AuditFinding = z.infer<typeof auditFindingSchema>;

/** A corrected JSON for one field: what to paste, and the generator pre-filled with it. */
export const auditFixSchema = z.object({ field: z.string(), label: z.string(), text: z.string(), href: z.string() });
export type AuditFix = z.infer<typeof auditFixSchema>;

export const auditWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  friendlyName: z.string().nullable(),
  image: z.string(),
  enabled: z.boolean(),
  sysbox: z.boolean(),
  effective: z.object({
    runConfig: z.record(z.string(), z.unknown()),
    execConfig: z.unknown(),
    volumeMappings: z.record(z.string(), z.unknown()),
  }),
  /** Which group's run_config was merged in (name), or null. */
  runConfigGroup: z.string().nullable(),
  /** The Workspace's own fields as Kasm holds them (pretty JSON; line/column refer to these). */
  source: z.object({ runConfig: z.string().nullable(), execConfig: z.string().nullable(), volumeMappings: z.string().nullable() }),
  findings: z.array(auditFindingSchema),
  fixes: z.array(auditFixSchema),
});
export type AuditWorkspace = z.infer<typeof auditWorkspaceSchema>;

export const kasmAuditSchema = z.object({
  fetchedAt: z.string(),
  host: z.object({ id: z.string(), name: z.string() }),
  kasmUser: z.object({
    uid: z.number().int().nullable(),
    gid: z.number().int().nullable(),
    rangeStart: z.object({ uid: z.number().int().nullable(), gid: z.number().int().nullable() }),
    source: z.enum(['live-map', 'subuid', 'per-container', 'unknown']),
    explanation: z.string(),
  }),
  /** Deployment-wide findings (shared mappings across runtimes, groups overriding user). */
  findings: z.array(auditFindingSchema),
  workspaces: z.array(auditWorkspaceSchema),
  groups: z.array(
    z.object({ id: z.string(), name: z.string(), priority: z.number().nullable(), findings: z.array(auditFindingSchema), fixes: z.array(auditFixSchema) }),
  ),
  storageProviders: z.array(z.object({ name: z.string(), type: z.string().nullable(), findings: z.array(auditFindingSchema), fixes: z.array(auditFixSchema) })),
});
export type KasmAudit = z.infer<typeof kasmAuditSchema>;
