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
