import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Container, type ContainerList } from '@/lib/sysbox/container-schema';

/** `?x=` counts as not given. */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const CONTAINER_STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;

/** Query string of GET /api/v1/hosts/{host}/containers. */
export const containerQuerySchema = z.object({
  runtime: opt(z.string().max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a runtime name such as sysbox-runc or runc')),
  kasm: opt(z.enum(['session', 'service', 'other'])),
  state: opt(z.enum(CONTAINER_STATES)),
  q: opt(z.string().max(200)),
  /** Only containers with at least one finding (1/true). */
  problems: opt(z.enum(['1', '0', 'true', 'false'])).transform((v) => v === '1' || v === 'true'),
  page: opt(z.coerce.number().int().min(1).max(1_000_000)).transform((v) => v ?? 1),
  pageSize: opt(z.coerce.number().int().min(1).max(MAX_PAGE_SIZE)).transform((v) => v ?? DEFAULT_PAGE_SIZE),
});
export type ContainerQuery = z.infer<typeof containerQuerySchema>;

function matchesText(c: Container, q: string): boolean {
  const needle = q.toLowerCase();
  return [c.name, c.image, c.id.slice(0, 12), c.runtime, c.kasm.user ?? '', c.kasm.kasmId ?? ''].some((s) => s.toLowerCase().includes(needle));
}

/** Filtering and paging, on the server: the browser gets one page. */
export function queryContainers(all: readonly Container[], q: ContainerQuery): ContainerList {
  const runtimes: Record<string, number> = {};
  for (const c of all) runtimes[c.runtime] = (runtimes[c.runtime] ?? 0) + 1;
  const text = q.q?.trim();
  const filtered = all.filter(
    (c) =>
      (q.runtime === undefined || c.runtime === q.runtime) &&
      (q.kasm === undefined || (q.kasm === 'other' ? c.kasm.kind === null : c.kasm.kind === q.kasm)) &&
      (q.state === undefined || c.state === q.state) &&
      (!q.problems || c.findings.length > 0) &&
      (!text || matchesText(c, text)),
  );
  const start = (q.page - 1) * q.pageSize;
  return { total: filtered.length, page: q.page, pageSize: q.pageSize, items: filtered.slice(start, start + q.pageSize), runtimes };
}

/** One container by full id, name, or unique id prefix (as the docker CLI accepts them). */
export function findContainer(all: readonly Container[], ref: string): Container | undefined {
  const exact = all.find((c) => c.id === ref || c.name === ref);
  if (exact) return exact;
  if (!/^[0-9a-f]{3,64}$/.test(ref)) return undefined;
  const byPrefix = all.filter((c) => c.id.startsWith(ref));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}
