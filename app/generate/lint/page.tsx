import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Lint pasted Kasm JSON' };

export default function Page() {
  return <h1 className="text-xl font-semibold">Lint pasted Kasm JSON</h1>;
}
