import { queryOptions } from '@tanstack/react-query';
import type { HostStatus } from '@/lib/sysbox/status';
import { apiFetch } from './api';

export type { HostStatus } from '@/lib/sysbox/status';
export type { Check, CheckStatus } from '@/lib/sysbox/check';

/** GET /api/v1/hosts/{host}/status, polled every 5 s (paused while the tab is hidden). */
export const hostStatusQuery = (host: string) =>
  queryOptions({
    queryKey: ['host-status', host],
    queryFn: () => apiFetch<HostStatus>(`/api/v1/hosts/${encodeURIComponent(host)}/status`),
    refetchInterval: 5_000,
  });
