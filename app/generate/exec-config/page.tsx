import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Docker Exec Config' };

export default function Page() {
  return <h1 className="text-xl font-semibold">Docker Exec Config</h1>;
}
