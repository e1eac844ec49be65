import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Volume and storage mappings' };

export default function Page() {
  return <h1 className="text-xl font-semibold">Volume and storage mappings</h1>;
}
