'use client';

import type * as React from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { CopyButton } from '@/components/ui/copy-button';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusBadge } from '@/components/ui/status';
import { fleetHistoryQuery, type FailureRecord, type HistoryFilters } from '@/lib/client/history';
import { hostsQuery } from '@/lib/client/hosts';
import { failureKindLabel } from '@/lib/sysbox/history';
import { formatDuration, formatTime } from './format';

const FILTERS = ['host', 'image', 'user', 'reason', 'container'] as const;
type FilterKey = (typeof FILTERS)[number];

/** A fix that reads like a shell command gets a code block with Copy; prose stays prose. */
function looksLikeCommand(fix: string): boolean {
  return /^(sudo |echo |systemctl |docker )/.test(fix);
}

function Select({ label, value, options, onChange, render }: { label: string; value: string; options: string[]; onChange: (v: string) => void; render?: (v: string) => string }) {
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label className="flex flex-col gap-1 text-xs font-medium">
      {label}
      <select
        className="rounded-md border border-border bg-card px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-accent"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">All</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {render ? render(o) : o}
          </option>
        ))}
      </select>
    </label>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </>
  );
}

export function FailureCard({ f }: { f: FailureRecord }) {
  const removedAfter = f.removedAt ? Date.parse(f.removedAt) - Date.parse(f.at) : null;
  return (
    <Card data-testid="failure" data-reason={f.reason} className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-semibold">
          <StatusBadge status="fail" label={failureKindLabel(f.reason)} /> <span className="font-mono select-all">{f.container.name || f.container.id.slice(0, 12)}</span>
          {f.kasm.user ? (
            <span className="font-normal">
              {' '}
              · user <span className="font-mono">{f.kasm.user}</span>
            </span>
          ) : null}
        </p>
        <time className="text-sm text-muted" dateTime={f.at}>
          {formatTime(f.at)} · host {f.host}
        </time>
      </div>
      <p data-testid="failure-meaning">{f.explanation.meaning}</p>
      {f.error ? (
        <details open={f.finding !== null}>
          <summary className="cursor-pointer text-sm font-medium">What Docker said (State.Error)</summary>
          <CodeBlock className="mt-1 whitespace-pre-wrap break-all" data-testid="failure-error">
            {f.error}
          </CodeBlock>
        </details>
      ) : null}
      {f.explanation.fix ? (
        <div className="text-sm">
          <p className="font-medium">Fix</p>
          {looksLikeCommand(f.explanation.fix) ? (
            <div className="flex items-start gap-2">
              <CodeBlock className="flex-1" data-testid="failure-fix">
                $ {f.explanation.fix}
              </CodeBlock>
              <CopyButton text={f.explanation.fix} />
            </div>
          ) : (
            <p data-testid="failure-fix">{f.explanation.fix}</p>
          )}
        </div>
      ) : null}
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-0.5 text-xs">
        <Fact label="Image">
          <span className="font-mono select-all">{f.image || 'unknown'}</span>
        </Fact>
        <Fact label="Runtime">{f.runtime ?? 'unknown (removed before inspect)'}</Fact>
        {f.kasm.sessionId ? (
          <Fact label="Kasm session">
            <span className="font-mono select-all">{f.kasm.sessionId}</span>
          </Fact>
        ) : null}
        <Fact label="Exit code">
          <span className="font-mono">{f.exitCode ?? 'unknown'}</span>
          {f.oomKilled ? ' (killed by the kernel: out of memory)' : ''}
        </Fact>
        <Fact label="Lived">{f.livedMs === null ? 'never started' : formatDuration(f.livedMs)}</Fact>
        <Fact label="Container id">
          <span className="font-mono select-all">{f.container.id.slice(0, 12)}</span>
        </Fact>
      </dl>
      <p className="text-xs">
        {!f.inspected ? (
          <StatusBadge status="unknown" label="removed before inspect" />
        ) : removedAfter !== null ? (
          <span data-testid="failure-removed">Removed (by Kasm) {formatDuration(removedAfter)} after it failed.</span>
        ) : (
          <span className="text-muted">Not removed yet.</span>
        )}
      </p>
    </Card>
  );
}

/** Failures, per host or fleet-wide: newest first, filters by host, image, user, kind of error (and container). */
export function FailuresView() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters: HistoryFilters = { kind: 'failure', limit: 200 };
  for (const k of FILTERS) {
    const v = search.get(k);
    if (v) filters[k] = v;
  }
  const q = useQuery(fleetHistoryQuery(filters));
  const hosts = useQuery(hostsQuery());
  const set = (key: FilterKey, value: string) => {
    const p = new URLSearchParams(search.toString());
    if (value) p.set(key, value);
    else p.delete(key);
    const s = p.toString();
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  };
  const facets = q.data?.facets ?? { images: [], users: [], reasons: [] };
  const items = (q.data?.items ?? []).filter((r): r is FailureRecord => r.kind === 'failure');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <Select label="Host" value={filters.host ?? ''} options={(hosts.data?.hosts ?? []).map((h) => h.id)} onChange={(v) => set('host', v)} />
        <Select label="Image" value={filters.image ?? ''} options={facets.images} onChange={(v) => set('image', v)} />
        <Select label="User" value={filters.user ?? ''} options={facets.users} onChange={(v) => set('user', v)} />
        <Select label="Kind of error" value={filters.reason ?? ''} options={facets.reasons} onChange={(v) => set('reason', v)} render={failureKindLabel} />
        {filters.container ? (
          <p className="text-sm">
            Container <span className="font-mono">{filters.container}</span>{' '}
            <button type="button" className="underline" onClick={() => set('container', '')}>
              show all
            </button>
          </p>
        ) : null}
      </div>
      {(q.data?.unavailable ?? []).map((u) => (
        <p key={u.host} className="text-sm" role="status">
          <StatusBadge status="unknown" label="Unknown" /> History of host <span className="font-mono">{u.host}</span> unavailable: {u.message}
        </p>
      ))}
      {q.isPending ? (
        <Skeleton className="h-40" />
      ) : q.isError ? (
        <Card role="alert" className="border-fail">
          Could not load the failures: {q.error.message}
        </Card>
      ) : items.length === 0 ? (
        <Card data-testid="failures-empty">
          <p className="font-medium">No failed sessions recorded{Object.keys(filters).length > 2 ? ' for these filters' : ''}.</p>
          <p className="mt-1 text-sm text-muted">
            The dashboard records every Kasm session or sysbox-runc container that fails to start, is killed for memory or exits with an error, from the moment it runs.
          </p>
        </Card>
      ) : (
        <div className="space-y-3" data-testid="failures">
          {items.map((f) => (
            <FailureCard key={`${f.host}:${f.id}`} f={f} />
          ))}
        </div>
      )}
    </div>
  );
}
