import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './api';

/** Shape of GET /api/v1/hosts/{host} (see lib/server/host-summary.ts). */
export interface HostSummaryDto {
  id: string;
  name: string;
  kind: 'docker' | 'dashboard';
  endpoint: string;
  reachable: boolean;
  docker?: { version: string; apiVersion: string; kernelVersion?: string };
  error?: { code: string; message: string };
  checkedAt: string;
}

export const hostSummaryQuery = (host: string) =>
  queryOptions({
    queryKey: ['host-summary', host],
    queryFn: () => apiFetch<HostSummaryDto>(`/api/v1/hosts/${encodeURIComponent(host)}`),
    refetchInterval: 5_000,
  });

export const hostsQuery = () =>
  queryOptions({
    queryKey: ['hosts'],
    queryFn: () => apiFetch<{ hosts: HostSummaryDto[] }>('/api/v1/hosts'),
    refetchInterval: 5_000,
  });
