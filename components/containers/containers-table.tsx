'use client';

import Link from 'next/link';
import type * as React from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useHostHref } from '@/components/layout/nav';
import { useHostId } from '@/components/host/use-host';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Chip } from '@/components/ui/chip';
import { Skeleton } from '@/components/ui/skeleton';
import { containersQuery, filtersFromUrl } from '@/lib/client/containers';
import { cn } from '@/lib/utils';
import type { Container } from '@/lib/sysbox/container-schema';
import { SYSBOX_RUNTIME } from '@/lib/sysbox/runtime';
import { ContainersError } from './api-error';
import { FindingBadge, KasmBadge, RuntimeLabel, StateBadge } from './badges';

function HostUids({ c }: { c: Container }) {
  if (!c.hostUids) {
    return (
      <span className="text-xs text-muted" title={c.idMapUnavailable}>
        {c.state === 'running' ? 'unknown' : 'not running'}
      </span>
    );
  }
  return (
    <span className="font-mono text-xs select-all">
      {c.hostUids.root ?? '?'} → {c.hostUids.kasmUser ?? '?'}
    </span>
  );
}

/** The debounced value of `value` (search box: one request per pause, not per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function ContainersTable() {
  const host = useHostId();
  const withHost = useHostHref();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const searchId = useId();
  const filters = filtersFromUrl(searchParams);
  const [text, setText] = useState(filters.q ?? '');
  const debounced = useDebounced(text.trim(), 250);

  const update = useCallback(
    (changes: Record<string, string | undefined>, resetPage = true) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (resetPage) next.delete('page');
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, searchParams],
  );

  // Push the search text to the URL when the typing pauses (only when it changed, not on other URL changes).
  const lastPushed = useRef(debounced);
  useEffect(() => {
    if (lastPushed.current === debounced) return;
    lastPushed.current = debounced;
    update({ q: debounced || undefined });
  }, [debounced, update]);

  const query = useQuery(containersQuery(host, filters));
  const runtime = filters.runtime;
  const sessionsOnly = filters.kasm === 'session';
  const runningOnly = filters.state === 'running';
  const problemsOnly = Boolean(filters.problems);

  if (query.isPending) return <Skeleton className="h-64" />;
  if (query.isError && !query.data) return <ContainersError error={query.error} what="containers" />;
  const data = query.data;
  if (!data) return <Skeleton className="h-64" />;

  const runtimes = Object.entries(data.runtimes).sort(([a], [b]) => (a === SYSBOX_RUNTIME ? -1 : b === SYSBOX_RUNTIME ? 1 : a.localeCompare(b)));
  const allCount = Object.values(data.runtimes).reduce((n, x) => n + x, 0);
  const first = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const last = Math.min(data.page * data.pageSize, data.total);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filters">
        <span className="text-sm text-muted">Runtime:</span>
        <Chip pressed={runtime === undefined} onClick={() => update({ runtime: undefined })}>
          All ({allCount})
        </Chip>
        {runtimes.map(([name, count]) => (
          <Chip key={name} pressed={runtime === name} onClick={() => update({ runtime: name })} className="font-mono">
            {name} ({count})
          </Chip>
        ))}
        {data.complete === false ? <span className="text-sm text-muted" data-testid="runtimes-counting">counting…</span> : null}
        <span className="mx-1 h-5 w-px bg-border" aria-hidden="true" />
        <Chip pressed={sessionsOnly} onClick={() => update({ kasm: sessionsOnly ? undefined : 'session' })}>
          Kasm sessions only
        </Chip>
        <Chip pressed={runningOnly} onClick={() => update({ state: runningOnly ? undefined : 'running' })}>
          Running only
        </Chip>
        <Chip pressed={problemsOnly} onClick={() => update({ problems: problemsOnly ? undefined : '1' })}>
          With problems only
        </Chip>
        <label htmlFor={searchId} className="sr-only">
          Search containers
        </label>
        <input
          id={searchId}
          type="search"
          placeholder="Search name, image, user, id…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="ml-auto h-8 w-full rounded-md border border-border bg-card px-2 text-sm sm:w-64"
        />
      </div>

      {allCount > 0 && data.complete !== false && !data.runtimes[SYSBOX_RUNTIME] ? (
        <p className="text-sm text-muted" data-testid="no-sysbox-note">
          No container runs under <code className="font-mono">sysbox-runc</code> yet: set a Workspace&apos;s Docker Run Config Override to use it (
          <Link className="text-accent underline" href={withHost('/generate/run-config')}>
            generate it
          </Link>
          ).
        </p>
      ) : null}

      {/* Phones: one card per container with its runtime, state and findings (a table would be clipped at the right edge). */}
      <ul className={cn('space-y-2 md:hidden', query.isPlaceholderData && 'opacity-70')} aria-label="Containers (cards)">
        {data.items.map((c) => (
          <li key={c.id} data-testid="container-card" data-name={c.name}>
            <Card className="space-y-2 p-3">
              <div className="flex items-start justify-between gap-2">
                <Link className="min-w-0 break-all font-medium text-accent underline" href={withHost(`/containers/${encodeURIComponent(c.name || c.id)}`)}>
                  {c.name}
                </Link>
                <StateBadge state={c.state} />
              </div>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <RuntimeLabel c={c} />
                <KasmBadge kasm={c.kasm} />
                <span className="text-xs text-muted">{c.status}</span>
              </div>
              <div className="truncate font-mono text-xs text-muted" title={c.image}>
                {c.image}
              </div>
              <div className="text-xs">
                <span className="text-muted">host uid root → kasm-user: </span>
                <HostUids c={c} />
              </div>
              <div className="flex flex-wrap gap-1">
                {c.findings.length === 0 ? <span className="text-xs text-muted">no findings</span> : c.findings.map((f, i) => <FindingBadge key={`${f.id}-${i}`} finding={f} />)}
              </div>
            </Card>
          </li>
        ))}
        {data.items.length === 0 ? (
          <li className="p-6 text-center text-muted">{allCount === 0 ? 'No containers on this host yet.' : 'No containers match these filters.'}</li>
        ) : null}
      </ul>

      <Card className={cn('hidden overflow-x-auto p-0 md:block', query.isPlaceholderData && 'opacity-70')}>
        <table className="w-full text-sm" aria-label="Containers">
          <thead className="border-b border-border text-left text-muted">
            <tr>
              <th className="p-2.5">Name</th>
              <th className="p-2.5">Image</th>
              <th className="p-2.5">Runtime</th>
              <th className="p-2.5">State</th>
              <th className="p-2.5" title="Host uid of container root → host uid of kasm-user (1000)">
                Host uid root → kasm-user
              </th>
              <th className="p-2.5">Findings</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.id} className="border-b border-border align-top last:border-0" data-testid="container-row" data-name={c.name}>
                <td className="p-2.5">
                  <Link className="font-medium text-accent underline" href={withHost(`/containers/${encodeURIComponent(c.name || c.id)}`)}>
                    {c.name}
                  </Link>
                  <div className="mt-1">
                    <KasmBadge kasm={c.kasm} />
                  </div>
                </td>
                <td className="max-w-56 truncate p-2.5 font-mono text-xs" title={c.image}>
                  {c.image}
                </td>
                <td className="p-2.5">
                  <RuntimeLabel c={c} />
                </td>
                <td className="p-2.5">
                  <StateBadge state={c.state} />
                  <div className="mt-1 text-xs text-muted">{c.status}</div>
                </td>
                <td className="p-2.5">
                  <HostUids c={c} />
                </td>
                <td className="p-2.5">
                  <div className="flex flex-wrap gap-1">
                    {c.findings.length === 0 ? <span className="text-xs text-muted">none</span> : c.findings.map((f, i) => <FindingBadge key={`${f.id}-${i}`} finding={f} />)}
                  </div>
                </td>
              </tr>
            ))}
            {data.items.length === 0 ? (
              <tr>
                <td colSpan={6} className="p-6 text-center text-muted">
                  {allCount === 0 ? 'No containers on this host yet.' : 'No containers match these filters.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Card>

      <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
        <span className="text-muted" aria-live="polite">
          {first}–{last} of {data.total}
          {query.isError ? <span className="ml-2 text-warn">(refresh failed: showing the last answer)</span> : null}
        </span>
        <span className="flex items-center gap-2">
          <Button disabled={data.page <= 1} onClick={() => update({ page: String(Math.max(1, data.page - 1)) }, false)}>
            Previous
          </Button>
          <span className="text-muted">
            page {data.page} of {pages}
          </span>
          <Button disabled={data.page >= pages} onClick={() => update({ page: String(data.page + 1) }, false)}>
            Next
          </Button>
        </span>
      </nav>
    </div>
  );
}
