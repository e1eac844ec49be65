import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { containerListSchema, containerSchema } from '@/lib/sysbox/container-schema';
import { apiFetch } from './api';
import { liveRefetchInterval } from './live';

export interface ContainerFilters {
  runtime?: string;
  kasm?: 'session' | 'service' | 'other';
  state?: string;
  q?: string;
  problems?: boolean;
  page: number;
  pageSize: number;
}

export const CONTAINERS_PAGE_SIZE = 50;
const KASM_KINDS = ['session', 'service', 'other'] as const;

/**
 * Filters live in the URL (?runtime=&kasm=&state=&problems=&q=&page=): shareable, and Back from a detail page keeps them.
 * Shared by the Containers page (browser) and its server-rendered first paint, so both use the same query key.
 */
export function filtersFromUrl(sp: { get(name: string): string | null }): ContainerFilters {
  const kasm = KASM_KINDS.find((k) => k === sp.get('kasm'));
  const page = Number(sp.get('page') ?? '1');
  return {
    runtime: sp.get('runtime') || undefined,
    kasm,
    state: sp.get('state') || undefined,
    problems: sp.get('problems') === '1' || undefined,
    q: sp.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: CONTAINERS_PAGE_SIZE,
  };
}

export function containersUrl(host: string, f: ContainerFilters): string {
  const p = new URLSearchParams();
  if (f.runtime) p.set('runtime', f.runtime);
  if (f.kasm) p.set('kasm', f.kasm);
  if (f.state) p.set('state', f.state);
  if (f.q) p.set('q', f.q);
  if (f.problems) p.set('problems', '1');
  p.set('page', String(f.page));
  p.set('pageSize', String(f.pageSize));
  return `/api/v1/hosts/${encodeURIComponent(host)}/containers?${p.toString()}`;
}

/** One page of containers; refreshed by live updates (5 s polling without them) and keeps the previous page on screen while the next loads (no layout shift). */
export const containersQuery = (host: string, filters: ContainerFilters) =>
  queryOptions({
    queryKey: ['containers', host, filters],
    queryFn: async () => containerListSchema.parse(await apiFetch<unknown>(containersUrl(host, filters))),
    refetchInterval: liveRefetchInterval,
    placeholderData: keepPreviousData,
  });

export const containerQuery = (host: string, id: string) =>
  queryOptions({
    queryKey: ['container', host, id],
    queryFn: async () =>
      containerSchema.parse(await apiFetch<unknown>(`/api/v1/hosts/${encodeURIComponent(host)}/containers/${encodeURIComponent(id)}`)),
    refetchInterval: liveRefetchInterval,
  });
