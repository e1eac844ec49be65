'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { fetchHosts, type FleetRowDto } from '@/lib/client/hosts';
import { useHostId } from './use-host';

/**
 * The fleet for the picker, read after mount and every 30 s (paused while the
 * tab is hidden). Plain fetch, not react-query: the header is on every page,
 * and pages without data (generators, login) ship no query library. A failed
 * read keeps the last list (the Hosts page is where errors are shown).
 */
function usePickerHosts(): FleetRowDto[] {
  const [hosts, setHosts] = useState<FleetRowDto[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () => {
      if (document.visibilityState === 'hidden') return;
      fetchHosts().then(
        (r) => {
          if (alive) setHosts(r.hosts);
        },
        (err: unknown) => console.warn('[host picker] could not read the hosts', err),
      );
    };
    load();
    const t = setInterval(load, 30_000);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, []);
  return hosts;
}

/** "host: agent-1 ▾" in the header; only shown when more than one host is configured. */
export function HostPicker() {
  const host = useHostId();
  const hosts = usePickerHosts();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
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
