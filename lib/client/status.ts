import { queryOptions } from '@tanstack/react-query';
import { hostStatusContract, type CheckContract, type HostStatusContract } from '@/lib/contracts/status';
import { apiFetch } from './api';
import { POLL_MS } from './live';

/** The status as the browser reads it (lib/contracts/status.ts; the server's HostStatus satisfies it). */
export type HostStatus = HostStatusContract;
export type Check = CheckContract;
export type CheckStatus = Check['status'];

/** GET /api/v1/hosts/{host}/status, parsed with its contract; refreshed by live updates, polled every 5 s without them (paused while the tab is hidden). */
export const hostStatusQuery = (host: string) =>
  queryOptions({
    queryKey: ['host-status', host],
    queryFn: async () => hostStatusContract.parse(await apiFetch<unknown>(`/api/v1/hosts/${encodeURIComponent(host)}/status`)),
    // Host files (daemon.json, subuid, sysbox services) change without Docker events: keep polling
    // (cheap: the server answers from its stale-while-revalidate cache); pushed status changes come on top.
    refetchInterval: POLL_MS,
  });
