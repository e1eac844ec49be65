'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useHostId } from './use-host';

/** A configured host as the picker shows it (id and name from the hosts file; no probing). */
export interface PickerHost {
  id: string;
  name: string;
}

/**
 * "host: agent-1 ▾" in the header; a list only when more than one host is
 * configured. The list comes from the server-rendered layout (the configured
 * hosts, no probe, no fetch and no schema in the browser on every page);
 * whether each one answers is the Hosts page's job.
 */
export function HostPicker({ hosts }: { hosts: PickerHost[] }) {
  const host = useHostId();
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
          </option>
        ))}
      </select>
    </label>
  );
}
