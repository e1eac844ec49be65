import 'server-only';
import { z } from 'zod';
import { classifyContainer } from '@/lib/sysbox/classify';
import type { ContainerFacts, IdMapReading } from '@/lib/sysbox/container-schema';

/**
 * zod schemas for the two Docker answers the inventory reads. They list only
 * what the dashboard uses: Config.Env (where Kasm keeps secrets) is not in the
 * schema, so zod strips it at the probe boundary and it never travels further.
 */
const labels = z.record(z.string(), z.string()).nullable().optional();

export const listEntrySchema = z.object({
  Id: z.string(),
  Names: z.array(z.string()).default([]),
  Image: z.string().default(''),
  Created: z.number().default(0),
  State: z.string().default(''),
  Status: z.string().default(''),
  Labels: labels,
  Mounts: z.array(z.object({ Type: z.string().optional(), Name: z.string().optional(), Source: z.string().optional(), Destination: z.string().optional() })).nullable().optional(),
});
export type ListEntry = z.infer<typeof listEntrySchema>;
export const listSchema = z.array(listEntrySchema);

export const inspectSchema = z.object({
  Id: z.string(),
  Name: z.string(),
  Created: z.string(),
  State: z.object({
    Status: z.string(),
    Running: z.boolean().default(false),
    Pid: z.number().int().default(0),
    Error: z.string().default(''),
    StartedAt: z.string().default(''),
    FinishedAt: z.string().default(''),
    ExitCode: z.number().int().default(0),
    Paused: z.boolean().default(false),
    Restarting: z.boolean().default(false),
    Dead: z.boolean().default(false),
    Health: z.object({ Status: z.string().default('') }).nullable().optional(),
  }),
  Config: z.object({
    Image: z.string().default(''),
    User: z.string().default(''),
    Entrypoint: z.union([z.array(z.string()), z.string()]).nullable().optional(),
    Labels: labels,
  }),
  HostConfig: z.object({
    Runtime: z.string().default('runc'),
    Privileged: z.boolean().default(false),
    PidMode: z.string().default(''),
    NetworkMode: z.string().default(''),
    UsernsMode: z.string().default(''),
    DeviceRequests: z
      .array(z.object({ Driver: z.string().default(''), Capabilities: z.array(z.array(z.string())).nullable().optional() }))
      .nullable()
      .optional(),
    Devices: z.array(z.object({ PathOnHost: z.string().default('') })).nullable().optional(),
  }),
  Mounts: z
    .array(
      z.object({
        Type: z.string().default(''),
        Name: z.string().optional(),
        Source: z.string().default(''),
        Destination: z.string().default(''),
        RW: z.boolean().default(true),
      }),
    )
    .nullable()
    .optional(),
});
export type Inspect = z.infer<typeof inspectSchema>;

const NEVER_STARTED = /^0001-01-01/;

/**
 * The pure reshaping of one inspect answer (plus its id-map reading) into
 * ContainerFacts; what the container IS comes from lib/sysbox/classify.ts.
 */
export function toContainerFacts(i: Inspect, reading: IdMapReading): ContainerFacts {
  const name = i.Name.replace(/^\//, '');
  const runtime = i.HostConfig.Runtime || 'runc';
  const lbls = i.Config.Labels ?? {};
  const entrypoint = i.Config.Entrypoint == null ? null : Array.isArray(i.Config.Entrypoint) ? i.Config.Entrypoint : [i.Config.Entrypoint];
  const started = i.State.StartedAt && !NEVER_STARTED.test(i.State.StartedAt) ? i.State.StartedAt : null;
  const finished = i.State.FinishedAt && !NEVER_STARTED.test(i.State.FinishedAt) ? i.State.FinishedAt : null;
  const idMap = reading.ok ? { uid: reading.uid, gid: reading.gid } : null;
  const cls = classifyContainer({
    name,
    runtime,
    labels: lbls,
    deviceRequests: (i.HostConfig.DeviceRequests ?? []).map((r) => ({ driver: r.Driver, capabilities: r.Capabilities ?? [] })),
    devicePaths: (i.HostConfig.Devices ?? []).map((d) => d.PathOnHost),
    idMap,
  });
  const container: ContainerFacts['container'] = {
    id: i.Id,
    name,
    image: i.Config.Image,
    state: i.State.Status,
    status: i.State.Status,
    createdAt: i.Created,
    startedAt: started,
    runtime,
    sysbox: cls.sysbox,
    kasm: cls.kasm,
    user: i.Config.User,
    entrypoint,
    privileged: i.HostConfig.Privileged,
    pidMode: i.HostConfig.PidMode,
    networkMode: i.HostConfig.NetworkMode,
    gpu: cls.gpu,
    mounts: (i.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Source,
      destination: m.Destination,
      rw: m.RW,
      ...(m.Type === 'volume' && m.Name ? { volumeName: m.Name } : {}),
    })),
    idMap,
    hostUids: cls.hostUids,
  };
  if (!reading.ok) container.idMapUnavailable = reading.reason;
  return {
    container,
    usernsMode: i.HostConfig.UsernsMode,
    stateError: i.State.Error,
    identityUidMap: cls.identityUidMap,
    driDevices: cls.driDevices,
    timing: {
      status: i.State.Status,
      running: i.State.Running,
      paused: i.State.Paused,
      restarting: i.State.Restarting,
      dead: i.State.Dead,
      startedAt: started,
      finishedAt: finished,
      exitCode: i.State.ExitCode,
      health: i.State.Health?.Status || null,
    },
  };
}

/** What in a list entry says "this container changed since we inspected it". */
export function listEntryKey(e: ListEntry, withStatus: boolean): string {
  const mounts = (e.Mounts ?? []).map((m) => `${m.Type ?? ''}:${m.Name ?? m.Source ?? ''}>${m.Destination ?? ''}`).join(',');
  return [e.State, e.Names.join(','), e.Image, e.Created, mounts, withStatus ? e.Status : ''].join('|');
}
