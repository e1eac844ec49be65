import type { Metadata } from 'next';
import { HostsTable } from '@/components/host/hosts-table';

export const metadata: Metadata = { title: 'Hosts' };

export default function HostsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Hosts</h1>
      <HostsTable />
    </div>
  );
}
