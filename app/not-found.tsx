import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p>
        That page does not exist. <Link className="text-accent underline" href="/">Back to the overview</Link>.
      </p>
    </div>
  );
}
