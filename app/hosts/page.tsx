import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Providers } from '@/components/providers';
import { HostsTable } from '@/components/host/hosts-table';
import { hostsData } from '@/lib/server/page-data';

export const metadata: Metadata = { title: 'Hosts' };

/** Server-rendered with every host's row (each bounded by its own timeout); refreshed by live updates and polling. */
export default async function HostsPage() {
  const state = await hostsData();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Hosts</h1>
      <p className="text-sm text-muted">
        Every Kasm agent this dashboard watches (<code className="font-mono">DASHBOARD_HOSTS_FILE</code>; see the README), kept current while this page is open.
        A dead or slow agent shows as unreachable and never holds up the others.
      </p>
      <Providers>
        <HydrationBoundary state={state}>
          <HostsTable />
        </HydrationBoundary>
      </Providers>
    </div>
  );
}
