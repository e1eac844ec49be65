import 'server-only';
import { dehydrate, type DehydratedState, type QueryKey } from '@tanstack/react-query';
import { containerQuery, containersQuery, containersUrl, filtersFromUrl } from '@/lib/client/containers';
import { hostSummaryQuery, hostsQuery } from '@/lib/client/hosts';
import { makeQueryClient } from '@/lib/client/query-client';
import { hostStatusQuery } from '@/lib/client/status';
import { containerQuerySchema, queryContainers } from '@/lib/server/containers/query';
import { getContainerPage } from '@/lib/server/containers/first-page';
import { AppError } from '@/lib/server/errors';
import { containerOf, containersOf, fleetRow, requireHost, statusOf } from '@/lib/server/fleet';
import { summarizeHost } from '@/lib/server/host-summary';
import { listAllHosts } from '@/lib/server/hosts';
import { hostIdOrLocal } from '@/lib/contracts/host-id';

/**
 * Server-rendered first paint: pages read the same data the API routes serve
 * (same functions, no HTTP hop) into a react-query cache under the same query
 * keys the client components use, and hand it over dehydrated. The browser
 * then paints with data, no skeleton, and only refetches on live updates or
 * polling. A failure here is not fatal: the query is left out and the client
 * fetches (and shows the error) as before.
 */
export type PageSearchParams = Record<string, string | string[] | undefined>;

export function searchParamsOf(sp: PageSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    if (typeof v === 'string') out.set(k, v);
    else if (Array.isArray(v) && v[0] !== undefined) out.set(k, v[0]);
  }
  return out;
}

/** The page's host (?host=, default "local"): the same rule as components/host/use-host.ts. */
export function hostIdOf(sp: URLSearchParams): string {
  return hostIdOrLocal(sp.get('host'));
}

type Prefetch = { queryKey: QueryKey; load: () => Promise<unknown> };

async function dehydrated(list: Prefetch[]): Promise<DehydratedState> {
  const qc = makeQueryClient();
  await Promise.all(
    list.map(async (p) => {
      try {
        qc.setQueryData(p.queryKey, await p.load());
      } catch (err) {
        // Left to the browser, which fetches it and shows the error in context.
        if (!(err instanceof AppError)) console.error('[page] server-side data failed', p.queryKey, err);
      }
    }),
  );
  return dehydrate(qc);
}

const summary = (host: string): Prefetch => ({ queryKey: hostSummaryQuery(host).queryKey, load: () => summarizeHost(requireHost(host)) });

export function overviewData(sp: URLSearchParams): Promise<DehydratedState> {
  const host = hostIdOf(sp);
  return dehydrated([{ queryKey: hostStatusQuery(host).queryKey, load: () => statusOf(requireHost(host)) }]);
}

export function containersData(sp: URLSearchParams): Promise<DehydratedState> {
  const host = hostIdOf(sp);
  const filters = filtersFromUrl(sp);
  const q = new URLSearchParams(containersUrl(host, filters).split('?')[1] ?? '');
  return dehydrated([
    summary(host),
    {
      queryKey: containersQuery(host, filters).queryKey,
      load: async () => {
        const h = requireHost(host);
        const parsed = containerQuerySchema.parse(Object.fromEntries(q));
        if (h.kind === 'docker') return getContainerPage(h, parsed);
        return containersOf(h, q, (all) => queryContainers(all, parsed));
      },
    },
  ]);
}

export function containerData(sp: URLSearchParams, id: string): Promise<DehydratedState> {
  const host = hostIdOf(sp);
  return dehydrated([summary(host), { queryKey: containerQuery(host, id).queryKey, load: () => containerOf(requireHost(host), id) }]);
}

export function hostsData(): Promise<DehydratedState> {
  return dehydrated([{ queryKey: hostsQuery().queryKey, load: async () => ({ hosts: await Promise.all(listAllHosts().map((h) => fleetRow(h))) }) }]);
}
