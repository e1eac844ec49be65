'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { hostsQuery } from '@/lib/client/hosts';
import { useHostId } from './use-host';

/** "host: agent-1 ▾" in the header; only shown when more than one host is configured. */
export function HostPicker() {
  const host = useHostId();
  // Its own cache key: it renders in the header, before a page's HydrationBoundary,
  // and a query it created under ['hosts'] would make the Hosts page's server data
  // hydrate only after the first render (React #418 on /hosts). A live update or an
  // invalidation of ['hosts'] still reaches it (prefix match).
  const q = useQuery({ ...hostsQuery(), queryKey: ['hosts', 'picker'], refetchInterval: 30_000 });
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const hosts = q.data?.hosts ?? [];
  if (hosts.length < 2) {
    const only = hosts[0];
    return only ? (
      <span className="text-sm text-muted">
        host: <span className="font-mono text-fg">{only.name}</span>
      </span>
    ) : null;
  }
  return (
    <label className="flex items-center gap-1 text-sm text-muted">
      host:
      <select
        className="rounded-md border border-border bg-card px-2 py-1 font-mono text-fg"
        value={host}
        onChange={(e) => {
          const next = new URLSearchParams(search.toString());
          if (e.target.value === 'local') next.delete('host');
          else next.set('host', e.target.value);
          // detail pages belong to one host: go back to the list of the section
          const base = pathname.startsWith('/containers/') ? '/containers' : pathname;
          router.push(next.size ? `${base}?${next.toString()}` : base);
        }}
      >
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
            {h.reachable ? '' : ' (unreachable)'}
          </option>
        ))}
      </select>
    </label>
  );
}
