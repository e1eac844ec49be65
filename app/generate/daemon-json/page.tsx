import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'daemon.json for Sysbox' };

export default function Page() {
  return <h1 className="text-xl font-semibold">daemon.json for Sysbox</h1>;
}
