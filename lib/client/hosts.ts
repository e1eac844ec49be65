import { queryOptions } from '@tanstack/react-query';
import { fleetSchema, hostSummarySchema, type FleetRow, type HostSummary } from '@/lib/contracts/hosts';
import { apiFetch } from './api';
import { liveRefetchInterval } from './live';

/** Shape of GET /api/v1/hosts/{host} (lib/contracts/hosts.ts: the one schema, parsed here). */
export type HostSummaryDto = HostSummary;

export const hostSummaryQuery = (host: string) =>
  queryOptions({
    queryKey: ['host-summary', host],
    queryFn: async () => hostSummarySchema.parse(await apiFetch<unknown>(`/api/v1/hosts/${encodeURIComponent(host)}`)),
    refetchInterval: liveRefetchInterval,
  });

/** One row of GET /api/v1/hosts. */
export type FleetRowDto = FleetRow;

export const hostsQuery = () =>
  queryOptions({
    queryKey: ['hosts'],
    queryFn: async () => fleetSchema.parse(await apiFetch<unknown>('/api/v1/hosts')),
    refetchInterval: liveRefetchInterval,
  });
