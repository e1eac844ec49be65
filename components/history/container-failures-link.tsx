'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { hostHistoryQuery } from '@/lib/client/history';

/** On a container's detail page: "N recorded failures →" to the Failures view filtered to it (nothing when none). */
export function ContainerFailuresLink({ host, id, name }: { host: string; id: string; name: string }) {
  const q = useQuery(hostHistoryQuery(host, { kind: 'failure', container: id, limit: 100 }));
  const n = q.data?.items.length ?? 0;
  if (n === 0) return null;
  const p = new URLSearchParams({ container: name });
  if (host !== 'local') p.set('host', host);
  return (
    <>
      <span className="mx-2 text-muted">·</span>
      <Link className="font-semibold text-fail underline" href={`/failures?${p.toString()}`} data-testid="container-failures-link">
        {n === 100 ? '100+' : n} recorded failure{n === 1 ? '' : 's'} →
      </Link>
    </>
  );
}
