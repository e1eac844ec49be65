'use client';

import type * as React from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useHostHref } from '@/components/layout/nav';
import { ContainerFailuresLink } from '@/components/history/container-failures-link';
import { useHostId } from '@/components/host/use-host';
import { Card, CardTitle } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { CopyButton } from '@/components/ui/copy-button';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusBadge } from '@/components/ui/status';
import { ApiError } from '@/lib/client/api';
import { containerQuery } from '@/lib/client/containers';
import type { Container, IdMapEntry } from '@/lib/sysbox/container-schema';
import { KASM_USER_ID as KASM_USER_UID } from '@/lib/sysbox/kasm-user';
import { isIdentityMap, mappingArithmetic } from '@/lib/sysbox/idmap';
import { ContainersError } from './api-error';
import { FINDING_LABELS, KasmBadge, RuntimeLabel, StateBadge, severityStatus } from './badges';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2 py-1">
      <dt className="w-32 shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </div>
  );
}

function IdMapCard({ c }: { c: Container }) {
  if (!c.idMap) {
    return (
      <Card data-testid="idmap">
        <CardTitle>ID map</CardTitle>
        <p className="mt-2">
          <StatusBadge status="unknown" label="Unknown" /> <span className="text-sm">{c.idMapUnavailable ?? 'Not available.'}</span>
        </p>
      </Card>
    );
  }
  const rows: { who: string; id: number }[] = [
    { who: 'root', id: 0 },
    { who: 'kasm-user', id: KASM_USER_UID },
  ];
  const table = (kind: 'uid' | 'gid', map: IdMapEntry[]) => (
    <div>
      <h3 className="mt-3 text-sm font-semibold">
        {kind}_map <span className="font-normal text-muted">(/proc/&lt;pid&gt;/{kind}_map)</span>
      </h3>
      <CodeBlock data-testid={`${kind}-map`}>{map.map((e) => `${e.inside} ${e.outside} ${e.length}`).join('\n')}</CodeBlock>
      <ul className="mt-2 space-y-1 text-sm">
        {rows.map((r) => {
          const arith = mappingArithmetic(map, r.id);
          return (
            <li key={r.who} className="font-mono" data-testid={`${kind}-${r.who}`}>
              container {kind} {r.id} ({r.who}) → host {kind} {arith ?? 'unmapped (shows as nobody)'}
            </li>
          );
        })}
      </ul>
    </div>
  );
  return (
    <Card data-testid="idmap">
      <CardTitle>ID map</CardTitle>
      <p className="mt-1 text-sm text-muted">
        {isIdentityMap(c.idMap.uid)
          ? 'Identity map: this container has no user namespace; container root is host root.'
          : 'Host uid = outside + (container uid − inside), read live from the container process, no docker exec.'}
      </p>
      {table('uid', c.idMap.uid)}
      {table('gid', c.idMap.gid)}
      {c.hostUids?.kasmUser != null ? (
        <p className="mt-3 text-sm">
          Files kasm-user must write on mounts that Sysbox cannot shift (rclone storage, FUSE): owned by host uid/gid{' '}
          <span className="font-mono select-all">{c.hostUids.kasmUser}</span>.
        </p>
      ) : null}
    </Card>
  );
}

export function ContainerDetail({ id }: { id: string }) {
  const host = useHostId();
  const withHost = useHostHref();
  const q = useQuery(containerQuery(host, id));
  if (q.isPending) return <Skeleton className="h-96" />;
  if (q.isError && !q.data) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return (
        <Card role="alert">
          No container <span className="font-mono">{id}</span> on this host (removed?).{' '}
          <Link className="text-accent underline" href={withHost('/containers')}>
            Back to containers
          </Link>
        </Card>
      );
    }
    return <ContainersError error={q.error} what={`container ${id}`} />;
  }
  const c = q.data;
  if (!c) return <Skeleton className="h-96" />;
  const generatorHref = `/generate/run-config?image=${encodeURIComponent(c.image)}${host !== 'local' ? `&host=${encodeURIComponent(host)}` : ''}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-semibold break-all">{c.name}</h1>
        <StateBadge state={c.state} />
        <KasmBadge kasm={c.kasm} />
        <span className="text-sm text-muted">{c.status}</span>
      </div>
      <p className="text-sm">
        <Link className="text-accent underline" href={withHost('/containers')}>
          ← All containers
        </Link>
        <span className="mx-2 text-muted">·</span>
        <Link className="text-accent underline" href={generatorHref} data-testid="generator-link">
          Generate the Sysbox run config for {c.image}
        </Link>
        <ContainerFailuresLink host={host} id={c.id} name={c.name} />
      </p>

      <Card data-testid="findings">
        <CardTitle>Findings</CardTitle>
        {c.findings.length === 0 ? (
          <p className="mt-2">
            <StatusBadge status="pass" label="No problems found" />
          </p>
        ) : (
          <ul className="mt-2 space-y-3">
            {c.findings.map((f, i) => (
              <li key={`${f.id}-${i}`} data-finding={f.id} className="border-b border-border pb-3 last:border-0 last:pb-0">
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={severityStatus(f.severity)} label={f.severity === 'error' ? 'Error' : f.severity === 'warning' ? 'Warning' : 'Info'} />
                  <span className="font-semibold">{FINDING_LABELS[f.id] ?? f.id}</span>
                  <code className="font-mono text-xs text-muted">{f.id}</code>
                </div>
                <p className="mt-1 text-sm">{f.message}</p>
                {f.fix ? (
                  <div className="mt-2 flex items-start gap-2">
                    <CodeBlock className="flex-1 whitespace-pre-wrap">{f.fix}</CodeBlock>
                    <CopyButton text={f.fix} label="Copy fix" />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <IdMapCard c={c} />
        <Card>
          <CardTitle>Configuration</CardTitle>
          <dl className="mt-2 text-sm">
            <Fact label="Runtime">
              <RuntimeLabel c={c} /> {c.sysbox ? <span className="text-muted">(Sysbox)</span> : null}
            </Fact>
            <Fact label="Image">
              <span className="font-mono select-all">{c.image}</span>
            </Fact>
            <Fact label="ID">
              <span className="font-mono text-xs select-all">{c.id}</span>
            </Fact>
            <Fact label="User">
              <span className="font-mono">{c.user || '(image default)'}</span>
            </Fact>
            <Fact label="Entrypoint">
              <span className="font-mono">{c.entrypoint ? JSON.stringify(c.entrypoint) : '(image default)'}</span>
            </Fact>
            <Fact label="Privileged">{c.privileged ? 'yes' : 'no'}</Fact>
            <Fact label="PID mode">
              <span className="font-mono">{c.pidMode || 'private'}</span>
            </Fact>
            <Fact label="Network mode">
              <span className="font-mono">{c.networkMode || 'default'}</span>
            </Fact>
            <Fact label="GPU">{c.gpu ? 'requested' : 'no'}</Fact>
            {c.kasm.kasmId ? (
              <Fact label="Kasm id">
                <span className="font-mono select-all">{c.kasm.kasmId}</span>
              </Fact>
            ) : null}
            <Fact label="Created">
              <span className="font-mono">{c.createdAt}</span>
            </Fact>
            <Fact label="Started">
              <span className="font-mono">{c.startedAt ?? 'never'}</span>
            </Fact>
          </dl>
          <p className="mt-2 text-xs text-muted">Environment variables are never shown: Kasm keeps secrets there.</p>
        </Card>
      </div>

      <Card className="overflow-x-auto" data-testid="mounts">
        <CardTitle>Mounts</CardTitle>
        {c.mounts.length === 0 ? (
          <p className="mt-2 text-sm text-muted">No mounts.</p>
        ) : (
          <table className="mt-2 w-full text-sm">
            <thead className="text-left text-muted">
              <tr>
                <th className="py-1 pr-3">Type</th>
                <th className="py-1 pr-3">Source</th>
                <th className="py-1 pr-3">Destination</th>
                <th className="py-1">Mode</th>
              </tr>
            </thead>
            <tbody>
              {c.mounts.map((m) => (
                <tr key={`${m.destination}`} className="border-t border-border">
                  <td className="py-1 pr-3">{m.type}</td>
                  <td className="py-1 pr-3 font-mono text-xs break-all select-all">{m.volumeName ? `${m.volumeName} (${m.source})` : m.source}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{m.destination}</td>
                  <td className="py-1">{m.rw ? 'rw' : 'ro'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
