import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, apiFetch } from './api';

/**
 * Live host values the generators use, read leniently from the host status
 * and containers APIs (only the fields used here). Either API may be missing
 * (404) or failing: the value is then null with the reason, and the page
 * falls back to typed-in values.
 */
export interface HostFacts {
  hostName: string;
  subuidStart: number | null;
  subgidStart: number | null;
  /** Where the sysbox subuid start came from. */
  subidSource: 'subuid' | 'container' | null;
  /** Whether Sysbox can ID-shift bind mounts on this host. */
  idShift: 'yes' | 'no' | 'unknown';
  mechanism: string | null;
  daemonJson: { path: string; raw: string | null; error?: string } | null;
  /** A running Sysbox container's kasm-user host uid, when there is one. */
  kasmUserHostUid: number | null;
  /** Why some values are unknown. */
  notes: string[];
}

const range = z.object({ start: z.number().int(), count: z.number().int().optional() }).nullable().optional();
const statusSchema = z.object({
  facts: z
    .object({
      subid: z.object({ uid: range, gid: range }).partial().nullable().optional(),
      kernel: z.object({ mechanism: z.string().nullable().optional() }).partial().nullable().optional(),
      daemonJson: z.object({ path: z.string(), raw: z.string().nullable(), error: z.unknown().optional() }).nullable().optional(),
      /** null when Docker is unreachable */
      docker: z.unknown().nullable().optional(),
    })
    .partial()
    .optional(),
});
const containersSchema = z.object({
  items: z
    .array(z.object({ name: z.string().optional(), hostUids: z.object({ kasmUser: z.number().int().nullable().optional() }).partial().nullable().optional() }))
    .optional(),
});
const summarySchema = z.object({ name: z.string().optional() });

type Got<T> = { ok: true; data: T } | { ok: false; reason: string };

async function getLenient<T>(url: string, schema: z.ZodType<T>): Promise<Got<T>> {
  try {
    const r = schema.safeParse(await apiFetch<unknown>(url));
    return r.success ? { ok: true, data: r.data } : { ok: false, reason: `unexpected answer from ${url}` };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { ok: false, reason: `${url} is not available on this dashboard yet` };
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

export async function fetchHostFacts(host: string): Promise<HostFacts> {
  const h = encodeURIComponent(host);
  const [summary, status] = await Promise.all([getLenient(`/api/v1/hosts/${h}`, summarySchema), getLenient(`/api/v1/hosts/${h}/status`, statusSchema)]);
  // Containers only when the status says Docker answers (otherwise the list would be a 503 for nothing).
  const dockerUp = status.ok && status.data.facts?.docker !== null && status.data.facts?.docker !== undefined;
  const containers: Got<z.infer<typeof containersSchema>> = dockerUp
    ? await getLenient(`/api/v1/hosts/${h}/containers?runtime=sysbox-runc&state=running&pageSize=1`, containersSchema)
    : { ok: false, reason: 'Docker is unreachable, so no running Sysbox container can be read' };
  const notes: string[] = [];
  const facts = status.ok ? status.data.facts : undefined;
  if (!status.ok) notes.push(`Host status: ${status.reason}`);
  if (!containers.ok) notes.push(`Sysbox containers: ${containers.reason}`);
  let subuidStart = facts?.subid?.uid?.start ?? null;
  const subgidStart = facts?.subid?.gid?.start ?? null;
  let subidSource: HostFacts['subidSource'] = subuidStart !== null ? 'subuid' : null;
  const kasmUserHostUid = containers.ok ? (containers.data.items?.[0]?.hostUids?.kasmUser ?? null) : null;
  if (kasmUserHostUid !== null && kasmUserHostUid >= 1000) {
    // the live uid_map is the truth
    subuidStart = kasmUserHostUid - 1000;
    subidSource = 'container';
  }
  const mechanism = facts?.kernel?.mechanism ?? null;
  const idShift: HostFacts['idShift'] = mechanism === 'idmapped-mounts' || mechanism === 'shiftfs' ? 'yes' : mechanism === 'none' ? 'no' : 'unknown';
  const dj = facts?.daemonJson;
  return {
    hostName: summary.ok && summary.data.name ? summary.data.name : host,
    subuidStart,
    subgidStart: subgidStart ?? (subidSource === 'container' ? subuidStart : null),
    subidSource,
    idShift,
    mechanism,
    daemonJson: dj ? { path: dj.path, raw: dj.raw, ...(dj.error !== undefined ? { error: String(typeof dj.error === 'object' ? JSON.stringify(dj.error) : dj.error) } : {}) } : null,
    kasmUserHostUid,
    notes,
  };
}

export const hostFactsQuery = (host: string) =>
  queryOptions({
    queryKey: ['generate-host-facts', host],
    queryFn: () => fetchHostFacts(host),
    staleTime: 30_000,
    retry: false,
  });
