'use client';

import { useQuery } from '@tanstack/react-query';
import { DockerUnreachable } from '@/components/host/docker-unreachable';
import { useHostId } from '@/components/host/use-host';
import { VerdictSince, VerdictTimeline } from '@/components/history/timeline';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { hostStatusQuery, type Check } from '@/lib/client/status';
import { CheckCard } from './check-card';
import { CheckedAgo } from './checked-ago';
import { VerdictBanner } from './verdict-banner';

const ORDER: Record<Check['status'], number> = { fail: 0, warn: 1, unknown: 2, pass: 3 };

function problemsFirst(checks: Check[]): Check[] {
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => ORDER[a.c.status] - ORDER[b.c.status] || a.i - b.i)
    .map((x) => x.c);
}

export function OverviewSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading host status">
      <Skeleton className="h-20" />
      <Skeleton className="h-28" />
      <Skeleton className="h-28" />
      <Skeleton className="h-10" />
    </div>
  );
}

/** The Overview: verdict, then problems (fail, warn, unknown) as cards, then passes collapsed. */
export function Overview() {
  const host = useHostId();
  const q = useQuery(hostStatusQuery(host));
  if (q.isPending) return <OverviewSkeleton />;
  if (!q.data) {
    return (
      <Card role="alert" className="border-fail">
        Could not load the status of host <span className="font-mono">{host}</span>: {q.error?.message ?? 'unknown error'}
      </Card>
    );
  }
  const s = q.data;
  const reach = s.checks.find((c) => c.id === 'docker.reachable');
  const dockerDown = reach?.status === 'fail';
  const rest = problemsFirst(s.checks.filter((c) => !(dockerDown && c.id === 'docker.reachable')));
  const problems = rest.filter((c) => c.status !== 'pass');
  const passes = rest.filter((c) => c.status === 'pass');
  const ago = <CheckedAgo at={Number.isNaN(Date.parse(s.checkedAt)) ? q.dataUpdatedAt : Date.parse(s.checkedAt)} stale={q.isError} error={q.error?.message} />;

  return (
    <div className="space-y-4">
      {dockerDown ? (
        <>
          <div className="flex justify-end">{ago}</div>
          <DockerUnreachable
            endpoint={s.host.endpoint}
            hostName={s.host.name}
            message={reach.evidence.find((e) => e.startsWith('error: '))?.slice('error: '.length) ?? reach.summary}
            check={{ summary: reach.summary, fix: reach.fix?.text }}
          />
          <h2 className="pt-2 text-base font-semibold">Meanwhile, what the host’s files say</h2>
        </>
      ) : (
        <VerdictBanner status={s}>
          <div className="flex flex-col items-end gap-1">
            {ago}
            <VerdictSince host={host} verdict={s.verdict} />
          </div>
        </VerdictBanner>
      )}
      <p className="rounded-lg border border-border bg-card p-3 text-sm" data-testid="overview-kasm-user">
        <span className="font-medium">
          kasm-user on this host:{' '}
          {s.facts.kasmUser.uid !== null ? (
            <span className="font-mono select-all">
              {s.facts.kasmUser.uid}/{s.facts.kasmUser.gid ?? '?'}
            </span>
          ) : (
            s.facts.kasmUser.source
          )}
        </span>{' '}
        <span className="text-muted">{s.facts.kasmUser.explanation}</span>
      </p>
      <section aria-label="Problems" className="space-y-3">
        {problems.map((c) => (
          <CheckCard key={c.id} check={c} />
        ))}
      </section>
      {passes.length > 0 ? (
        <details className="rounded-lg border border-border bg-card" data-testid="passes" open={problems.length === 0}>
          <summary className="cursor-pointer p-3 text-sm font-medium" data-testid="passes-summary">
            <span aria-hidden="true">✔ </span>
            {passes.length} check{passes.length === 1 ? '' : 's'} pass: {passes.map((c) => c.title).join(' · ')}
          </summary>
          <div className="space-y-2 p-3 pt-0">
            {passes.map((c) => (
              <CheckCard key={c.id} check={c} compact />
            ))}
          </div>
        </details>
      ) : null}
      <VerdictTimeline host={host} />
    </div>
  );
}
