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

/** One row of GET /api/v1/hosts (see lib/server/fleet.ts FleetRow). */
export interface FleetRowDto {
  id: string;
  name: string;
  kind: 'docker' | 'dashboard';
  endpoint: string;
  reachable: boolean;
  verdict?: 'ready' | 'degraded' | 'not-ready';
  checkedAt?: string;
  unreachableSince?: string;
  error?: { code: string; message: string };
  sysboxVersion?: string | null;
  kernel?: string | null;
  runtimeRegistered?: boolean | null;
  problems?: number;
  counts?: { containers: number; sysbox: number; sessions: number; withFindings: number; findings: number } | null;
}

export const hostsQuery = () =>
  queryOptions({
    queryKey: ['hosts'],
    queryFn: () => apiFetch<{ hosts: FleetRowDto[] }>('/api/v1/hosts'),
    refetchInterval: 5_000,
  });
