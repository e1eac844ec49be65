import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Docker Run Config Override' };

export default function Page() {
  return <h1 className="text-xl font-semibold">Docker Run Config Override</h1>;
}
