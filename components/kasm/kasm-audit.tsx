'use client';

import Link from 'next/link';
import type * as React from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useHostId } from '@/components/host/use-host';
import { Card, CardTitle } from '@/components/ui/card';
import { Chip } from '@/components/ui/chip';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusBadge } from '@/components/ui/status';
import { ApiError } from '@/lib/client/api';
import { kasmAuditQuery } from '@/lib/client/kasm';
import type { AuditFinding, AuditWorkspace, KasmAudit } from '@/lib/kasm/audit';
import { KASM_PERMISSIONS_NEEDED } from './not-configured';
import { FindingList, FixList } from './findings';
import { WorkspaceDetail } from './workspace-detail';

const hasProblems = (f: AuditFinding[]) => f.some((x) => x.severity !== 'info');

/** Counts by severity, as icon + word badges (never colour alone). */
export function SeverityCounts({ findings }: { findings: AuditFinding[] }) {
  const n = (s: AuditFinding['severity']) => findings.filter((f) => f.severity === s).length;
  const errors = n('error');
  const warnings = n('warning');
  const infos = n('info');
  if (errors + warnings + infos === 0) return <StatusBadge status="pass" label="No findings" />;
  return (
    <span className="flex flex-wrap gap-1">
      {errors > 0 && <StatusBadge status="fail" label={`${errors} error${errors > 1 ? 's' : ''}`} data-severity="error" />}
      {warnings > 0 && <StatusBadge status="warn" label={`${warnings} warning${warnings > 1 ? 's' : ''}`} data-severity="warning" />}
      {infos > 0 && <StatusBadge status="unknown" label={`${infos} note${infos > 1 ? 's' : ''}`} data-severity="info" />}
    </span>
  );
}

function KasmError({ error }: { error: Error }) {
  const code = error instanceof ApiError ? error.code : 'unknown';
  const title =
    code === 'kasm_auth'
      ? 'Kasm refused the API key'
      : code === 'kasm_unreachable'
        ? 'Kasm is unreachable'
        : code === 'kasm_error'
          ? 'Kasm answered with an error'
          : 'Could not load the Kasm audit';
  return (
    <Card role="alert" className="space-y-2 border-fail" data-testid="kasm-error" data-code={code}>
      <CardTitle>
        <span aria-hidden="true">✖ </span>
        {title}
      </CardTitle>
      <p className="text-sm">{error.message}</p>
      {code === 'kasm_auth' && (
        <p className="text-sm">
          Check the key in Kasm (Admin › Settings › Developers): it must be enabled and have{' '}
          {KASM_PERMISSIONS_NEEDED.map((p, i) => (
            <span key={p}>
              <strong>{p}</strong>
              {i < KASM_PERMISSIONS_NEEDED.length - 1 ? ', ' : ''}
            </span>
          ))}
          ; then check KASM_API_KEY and KASM_API_KEY_SECRET (or KASM_API_KEY_SECRET_FILE) here.
        </p>
      )}
    </Card>
  );
}

function KasmUserLine({ audit }: { audit: KasmAudit }) {
  const ku = audit.kasmUser;
  return (
    <p className="text-sm text-muted" data-testid="kasm-user">
      Judged against agent <strong className="text-fg">{audit.host.name}</strong>:{' '}
      {ku.uid !== null && ku.gid !== null ? (
        <>
          kasm-user is host uid/gid{' '}
          <span className="font-mono text-fg select-all">
            {ku.uid}/{ku.gid}
          </span>{' '}
          (source: {ku.source}) — {ku.explanation}
        </>
      ) : (
        <>kasm-user&apos;s host uid/gid is unknown: {ku.explanation}</>
      )}{' '}
      · read from Kasm at <time dateTime={audit.fetchedAt}>{new Date(audit.fetchedAt).toLocaleTimeString()}</time>
    </p>
  );
}

function WorkspacesTable({ workspaces, hrefFor }: { workspaces: AuditWorkspace[]; hrefFor: (id: string) => string }) {
  if (workspaces.length === 0) return <p className="text-sm text-muted">No Workspace matches these filters.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-card">
      <table className="w-full text-left text-sm" data-testid="kasm-workspaces">
        <thead className="border-b border-border text-xs text-muted uppercase">
          <tr>
            <th className="px-3 py-2">Workspace</th>
            <th className="px-3 py-2">Image</th>
            <th className="px-3 py-2">Runtime</th>
            <th className="px-3 py-2">Findings</th>
          </tr>
        </thead>
        <tbody>
          {workspaces.map((w) => (
            <tr key={w.id} className="border-b border-border last:border-0" data-workspace={w.name}>
              <td className="px-3 py-2">
                <Link href={hrefFor(w.id)} className="font-medium text-accent underline-offset-2 hover:underline">
                  {w.name}
                </Link>
                {!w.enabled && <span className="ml-2 text-xs text-muted">(disabled)</span>}
              </td>
              <td className="px-3 py-2 font-mono text-xs break-all">{w.image}</td>
              <td className="px-3 py-2" data-testid="runtime">
                {w.sysbox ? <span className="font-mono font-semibold">sysbox-runc</span> : <span className="text-muted">default</span>}
              </td>
              <td className="px-3 py-2">
                <SeverityCounts findings={w.findings} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KasmAuditView() {
  const host = useHostId();
  const q = useQuery(kasmAuditQuery(host));
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const sysboxOnly = search.get('sysbox') === '1';
  const problemsOnly = search.get('problems') === '1';
  const selected = search.get('ws');

  const hrefWith = (changes: Record<string, string | null>) => {
    const p = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    const s = p.toString();
    return s ? `${pathname}?${s}` : pathname;
  };

  if (q.isPending) return <Skeleton className="h-64" />;
  if (q.isError) return <KasmError error={q.error} />;
  const audit = q.data;

  if (selected !== null) {
    const w = audit.workspaces.find((x) => x.id === selected);
    return (
      <div className="space-y-3">
        <Link href={hrefWith({ ws: null })} className="text-sm text-accent hover:underline">
          ← All Workspaces
        </Link>
        {w ? <WorkspaceDetail workspace={w} /> : <Card role="alert">No Workspace with id {selected} in this deployment.</Card>}
      </div>
    );
  }

  const shown = audit.workspaces.filter((w) => (!sysboxOnly || w.sysbox) && (!problemsOnly || hasProblems(w.findings)));
  const sysboxCount = audit.workspaces.filter((w) => w.sysbox).length;
  const problemCount = audit.workspaces.filter((w) => hasProblems(w.findings)).length;
  return (
    <div className="space-y-4">
      <KasmUserLine audit={audit} />
      <section aria-labelledby="deployment-findings" className="space-y-2">
        <h2 id="deployment-findings" className="text-base font-semibold">
          Across the deployment
        </h2>
        {audit.findings.length === 0 ? (
          <p className="text-sm">
            <StatusBadge status="pass" label="No deployment-wide problems" />
          </p>
        ) : (
          <Card data-testid="kasm-deployment-findings">
            <FindingList findings={audit.findings} />
          </Card>
        )}
      </section>
      <section aria-labelledby="workspaces" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="workspaces" className="text-base font-semibold">
            Workspaces{' '}
            <span className="text-sm font-normal text-muted">
              ({shown.length} of {audit.workspaces.length}; {sysboxCount} under Sysbox, {problemCount} with problems)
            </span>
          </h2>
          <div className="flex flex-wrap gap-2" role="group" aria-label="Filters">
            <Chip pressed={sysboxOnly} onClick={() => router.replace(hrefWith({ sysbox: sysboxOnly ? null : '1' }), { scroll: false })}>
              Sysbox only
            </Chip>
            <Chip pressed={problemsOnly} onClick={() => router.replace(hrefWith({ problems: problemsOnly ? null : '1' }), { scroll: false })}>
              With problems
            </Chip>
          </div>
        </div>
        <WorkspacesTable workspaces={shown} hrefFor={(id) => hrefWith({ ws: id })} />
      </section>
      <section aria-labelledby="groups" className="grid gap-4 md:grid-cols-2">
        <div className="space-y-2">
          <h2 id="groups" className="text-base font-semibold">
            Groups
          </h2>
          {audit.groups.map((g) => (
            <Card key={g.id} className="space-y-2" data-group={g.name}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">
                  {g.name} <span className="text-xs text-muted">priority {g.priority ?? 'unknown'}</span>
                </span>
                <SeverityCounts findings={g.findings} />
              </div>
              {g.findings.length > 0 && <FindingList findings={g.findings} />}
              <FixList fixes={g.fixes} />
            </Card>
          ))}
        </div>
        <div className="space-y-2">
          <h2 className="text-base font-semibold">Storage providers</h2>
          {audit.storageProviders.length === 0 && <p className="text-sm text-muted">None.</p>}
          {audit.storageProviders.map((p) => (
            <Card key={p.name} className="space-y-2" data-storage={p.name}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">
                  {p.name} <span className="text-xs text-muted">{p.type ?? ''}</span>
                </span>
                <SeverityCounts findings={p.findings} />
              </div>
              {p.findings.length > 0 && <FindingList findings={p.findings} />}
              <FixList fixes={p.fixes} />
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}

