import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Containers' };

export default function ContainersPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Containers</h1>
      <p className="text-muted">Which containers run under Sysbox, their ID maps and problems.</p>
    </div>
  );
}
