import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { historyListSchema } from '@/lib/sysbox/history';
import { apiFetch } from './api';

export type { FailureRecord, HistoryList, HistoryRecord, VerdictRecord } from '@/lib/sysbox/history';

export interface HistoryFilters {
  kind?: 'verdict' | 'failure';
  /** Fleet route only: narrow to one host. */
  host?: string;
  image?: string;
  user?: string;
  reason?: string;
  container?: string;
  limit?: number;
}

function params(f: HistoryFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** GET /api/v1/hosts/{host}/history (one host), polled every 10 s. */
export const hostHistoryQuery = (host: string, f: Omit<HistoryFilters, 'host'>) =>
  queryOptions({
    queryKey: ['history', host, f],
    queryFn: async () => historyListSchema.parse(await apiFetch<unknown>(`/api/v1/hosts/${encodeURIComponent(host)}/history${params(f)}`)),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });

/** GET /api/v1/history (every host, dashboard hosts relayed), polled every 10 s. */
export const fleetHistoryQuery = (f: HistoryFilters) =>
  queryOptions({
    queryKey: ['history', '*', f],
    queryFn: async () => historyListSchema.parse(await apiFetch<unknown>(`/api/v1/history${params(f)}`)),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
