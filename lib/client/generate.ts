import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { kasmUserFactSchema, type KasmUserFact } from '@/lib/sysbox/kasm-user';
import { ApiError, apiFetch } from './api';

/**
 * Live host values the generators use, read leniently from the host status
 * API (only the fields used here). Either API may be missing
 * (404) or failing: the value is then null with the reason, and the page
 * falls back to typed-in values.
 */
export interface HostFacts {
  hostName: string;
  subuidStart: number | null;
  subgidStart: number | null;
  /** Where the sysbox subuid start came from (the /etc/subuid files). */
  subidSource: 'subuid' | null;
  /** Whether Sysbox can ID-shift bind mounts on this host. */
  idShift: 'yes' | 'no' | 'unknown';
  mechanism: string | null;
  daemonJson: { path: string; raw: string | null; error?: string } | null;
  /** The host's facts.kasmUser: the server's one evaluator (lib/sysbox/kasm-user.ts); null when unavailable. */
  kasmUser: KasmUserFact | null;
  /** Whether the kernel does ID-mapped mounts (null: unknown). */
  idMappedMounts: boolean | null;
  /** Why some values are unknown. */
  notes: string[];
}

const range = z.object({ start: z.number().int(), count: z.number().int().optional() }).nullable().optional();
const statusSchema = z.object({
  facts: z
    .object({
      subid: z.object({ uid: range, gid: range }).partial().nullable().optional(),
      kernel: z.object({ mechanism: z.string().nullable().optional(), idMappedMounts: z.boolean().nullable().optional() }).partial().nullable().optional(),
      kasmUser: kasmUserFactSchema.optional(),
      daemonJson: z.object({ path: z.string(), raw: z.string().nullable(), error: z.unknown().optional() }).nullable().optional(),
      /** null when Docker is unreachable */
      docker: z.unknown().nullable().optional(),
    })
    .partial()
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
  const notes: string[] = [];
  const facts = status.ok ? status.data.facts : undefined;
  if (!status.ok) notes.push(`Host status: ${status.reason}`);
  const subuidStart = facts?.subid?.uid?.start ?? null;
  const subgidStart = facts?.subid?.gid?.start ?? null;
  const subidSource: HostFacts['subidSource'] = subuidStart !== null ? 'subuid' : null;
  const kasmUser = facts?.kasmUser ?? null;
  if (status.ok && !kasmUser) notes.push("This dashboard's status has no facts.kasmUser: type the sysbox subuid/subgid start in.");
  const mechanism = facts?.kernel?.mechanism ?? null;
  const idShift: HostFacts['idShift'] = mechanism === 'idmapped-mounts' || mechanism === 'shiftfs' ? 'yes' : mechanism === 'none' ? 'no' : 'unknown';
  const dj = facts?.daemonJson;
  return {
    hostName: summary.ok && summary.data.name ? summary.data.name : host,
    subuidStart,
    subgidStart,
    subidSource,
    idShift,
    mechanism,
    daemonJson: dj ? { path: dj.path, raw: dj.raw, ...(dj.error !== undefined ? { error: String(typeof dj.error === 'object' ? JSON.stringify(dj.error) : dj.error) } : {}) } : null,
    kasmUser,
    idMappedMounts: facts?.kernel?.idMappedMounts ?? null,
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
