import { z } from 'zod';
import type { ContainerStateTiming } from './container-status';

/**
 * The Container shape of GET /api/v1/hosts/{host}/containers[/{id}], shared by
 * the server (which builds it) and the browser (which parses it). It never
 * carries environment variables: Kasm puts secrets there.
 */
export const idMapEntrySchema = z.object({
  inside: z.number().int().nonnegative(),
  outside: z.number().int().nonnegative(),
  length: z.number().int().positive(),
});
export type IdMapEntry = z.infer<typeof idMapEntrySchema>;

export const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  fix: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const mountSchema = z.object({
  type: z.string(),
  source: z.string(),
  destination: z.string(),
  rw: z.boolean(),
  volumeName: z.string().optional(),
});
export type Mount = z.infer<typeof mountSchema>;

export const kasmKindSchema = z.enum(['session', 'service']);

export const kasmInfoSchema = z.object({
  kind: kasmKindSchema.nullable(),
  kasmId: z.string().optional(),
  user: z.string().optional(),
});
export type KasmInfo = z.infer<typeof kasmInfoSchema>;

export const containerSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  runtime: z.string(),
  sysbox: z.boolean(),
  kasm: kasmInfoSchema,
  user: z.string(),
  entrypoint: z.array(z.string()).nullable(),
  privileged: z.boolean(),
  pidMode: z.string(),
  networkMode: z.string(),
  gpu: z.boolean(),
  mounts: z.array(mountSchema),
  idMap: z.object({ uid: z.array(idMapEntrySchema), gid: z.array(idMapEntrySchema) }).nullable(),
  idMapUnavailable: z.string().optional(),
  hostUids: z.object({ root: z.number().int().nullable(), kasmUser: z.number().int().nullable() }).nullable(),
  findings: z.array(findingSchema),
});
export type Container = z.infer<typeof containerSchema>;

export const containerListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(containerSchema),
  /** Runtime name → number of containers (all containers, before filtering): for the filter chips. */
  runtimes: z.record(z.string(), z.number().int()),
  /** False while a freshly started server is still inspecting its containers: `runtimes` (and findings across containers) are then partial. */
  complete: z.boolean().optional(),
});
export type ContainerList = z.infer<typeof containerListSchema>;

/**
 * What a probe knows about one container, before evaluation: the Container
 * without findings, plus the few inspect facts only the evaluators need.
 */
export interface ContainerFacts {
  container: Omit<Container, 'findings'>;
  /** HostConfig.UsernsMode ("" or "host"). */
  usernsMode: string;
  /** State.Error: why the last start failed ("" when none). */
  stateError: string;
  /** Whether the uid_map is the identity (no user namespace); null when unknown. */
  identityUidMap: boolean | null;
  /** /dev/dri devices passed in (HostConfig.Devices); absent when not collected. */
  driDevices?: readonly string[];
  /** What the human status text is derived from at answer time (see container-status.ts). */
  timing: ContainerStateTiming;
}

/** The id-map/uid reading for one container: a map, or why there is none. */
export type IdMapReading =
  | { ok: true; uid: IdMapEntry[]; gid: IdMapEntry[] }
  | { ok: false; reason: string };

/** Paging limits of the list API. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/** Kasm's unprivileged desktop user inside every Kasm image. */
export const KASM_USER_UID = 1000;
