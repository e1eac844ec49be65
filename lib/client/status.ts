import { queryOptions } from '@tanstack/react-query';
import type { HostStatus } from '@/lib/sysbox/status';
import { apiFetch } from './api';
import { POLL_MS } from './live';

export type { HostStatus } from '@/lib/sysbox/status';
export type { Check, CheckStatus } from '@/lib/sysbox/check';

/** GET /api/v1/hosts/{host}/status, refreshed by live updates, polled every 5 s without them (paused while the tab is hidden). */
export const hostStatusQuery = (host: string) =>
  queryOptions({
    queryKey: ['host-status', host],
    queryFn: () => apiFetch<HostStatus>(`/api/v1/hosts/${encodeURIComponent(host)}/status`),
    // Host files (daemon.json, subuid, sysbox services) change without Docker events: keep polling
    // (cheap: the server answers from its stale-while-revalidate cache); pushed status changes come on top.
    refetchInterval: POLL_MS,
  });
