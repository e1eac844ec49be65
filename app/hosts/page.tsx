import type { Metadata } from 'next';
import { HostsTable } from '@/components/host/hosts-table';

export const metadata: Metadata = { title: 'Hosts' };

export default function HostsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Hosts</h1>
      <p className="text-sm text-muted">
        Every Kasm agent this dashboard watches (<code className="font-mono">DASHBOARD_HOSTS_FILE</code>; see the README), refreshed every 5 s.
        A dead or slow agent shows as unreachable and never holds up the others.
      </p>
      <HostsTable />
    </div>
  );
}
