import { queryOptions } from '@tanstack/react-query';
import type { FleetRow } from '@/lib/server/fleet';
import type { HostSummary } from '@/lib/server/host-summary';
import { apiFetch } from './api';
import { liveRefetchInterval } from './live';

/** Shape of GET /api/v1/hosts/{host} (type only: nothing of the server module reaches the browser). */
export type HostSummaryDto = HostSummary;

export const hostSummaryQuery = (host: string) =>
  queryOptions({
    queryKey: ['host-summary', host],
    queryFn: () => apiFetch<HostSummaryDto>(`/api/v1/hosts/${encodeURIComponent(host)}`),
    refetchInterval: liveRefetchInterval,
  });

/** One row of GET /api/v1/hosts. */
export type FleetRowDto = FleetRow;

export const fetchHosts = () => apiFetch<{ hosts: FleetRowDto[] }>('/api/v1/hosts');

export const hostsQuery = () =>
  queryOptions({
    queryKey: ['hosts'],
    queryFn: fetchHosts,
    refetchInterval: liveRefetchInterval,
  });
