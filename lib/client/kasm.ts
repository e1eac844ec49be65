import { queryOptions } from '@tanstack/react-query';
import { kasmAuditSchema } from '@/lib/kasm/audit';
import { apiFetch } from './api';

/** The deployment audit against one agent; the server caches Kasm for 30 s, so polling faster buys nothing. */
export const kasmAuditQuery = (host: string) =>
  queryOptions({
    queryKey: ['kasm-audit', host],
    queryFn: async () => kasmAuditSchema.parse(await apiFetch<unknown>(`/api/v1/kasm/workspaces?host=${encodeURIComponent(host)}`)),
    refetchInterval: 30_000,
    retry: false,
  });
