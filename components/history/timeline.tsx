'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useHostHref } from '@/components/layout/nav';
import { Card, CardTitle } from '@/components/ui/card';
import { StatusBadge, type Status } from '@/components/ui/status';
import { hostHistoryQuery, type VerdictRecord } from '@/lib/client/history';
import { groupByDay } from '@/lib/sysbox/history';
import type { Verdict } from '@/lib/sysbox/status';
import { formatDay, formatDuration, formatTime } from './format';

const TIMELINE = { kind: 'verdict', limit: 20 } as const;

const VERDICT: Record<Verdict, { status: Status; word: string }> = {
  ready: { status: 'pass', word: 'Ready' },
  degraded: { status: 'warn', word: 'Needs attention' },
  'not-ready': { status: 'fail', word: 'Not ready' },
};

function checkStatus(s: string | null): Status {
  return s === 'pass' || s === 'warn' || s === 'fail' ? s : 'unknown';
}

/** "Ready since …": when the current verdict began, from the recorded timeline. */
export function VerdictSince({ host, verdict }: { host: string; verdict: Verdict }) {
  // The same query as the timeline below: React Query makes one request for both.
  const q = useQuery(hostHistoryQuery(host, TIMELINE));
  const since = q.data?.verdictSince;
  if (!since) return null;
  return (
    <p className="text-sm" data-testid="verdict-since">
      <span className="font-semibold">{VERDICT[verdict].word}</span> since <time dateTime={since}>{formatTime(since)}</time>{' '}
      <span className="text-muted">({formatDuration(q.dataUpdatedAt - Date.parse(since))})</span>
    </p>
  );
}

function Change({ r }: { r: VerdictRecord }) {
  const v = VERDICT[r.verdict];
  return (
    <li className="border-l-2 border-border py-1 pl-3" data-testid="timeline-entry">
      <p className="text-sm">
        <time className="font-mono text-xs text-muted" dateTime={r.at}>
          {new Date(r.at).toLocaleTimeString()}
        </time>{' '}
        {r.from === null ? (
          <>
            First check: <StatusBadge status={v.status} label={v.word} />
          </>
        ) : r.from !== r.verdict ? (
          <>
            <StatusBadge status={VERDICT[r.from].status} label={VERDICT[r.from].word} /> → <StatusBadge status={v.status} label={v.word} />
          </>
        ) : (
          <>Checks changed, verdict still {v.word.toLowerCase()}</>
        )}
        {r.docker === false ? <span className="ml-2 font-semibold text-fail">Docker became unreachable</span> : null}
        {r.docker === true && r.from !== null ? <span className="ml-2 font-semibold text-pass">Docker reachable again</span> : null}
      </p>
      {r.from !== null && r.changes.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-xs">
          {r.changes.map((c) => (
            <li key={c.id}>
              {c.title}: <StatusBadge status={checkStatus(c.from)} label={c.from ?? 'none'} /> → <StatusBadge status={checkStatus(c.to)} label={c.to ?? 'gone'} />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The Overview's short timeline of what changed on this host, newest first, grouped by day. */
export function VerdictTimeline({ host }: { host: string }) {
  const q = useQuery(hostHistoryQuery(host, TIMELINE));
  const withHost = useHostHref();
  const items = (q.data?.items ?? []).filter((r): r is VerdictRecord => r.kind === 'verdict');
  return (
    <Card data-testid="timeline" aria-label="What changed">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <CardTitle>What changed</CardTitle>
        <Link className="text-sm underline" href={withHost('/failures')}>
          Failed sessions →
        </Link>
      </div>
      {q.isError ? (
        <p className="mt-2 text-sm">
          <StatusBadge status="unknown" label="Unknown" /> History unavailable: {q.error.message}
        </p>
      ) : q.isPending ? (
        <p className="mt-2 text-sm text-muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="mt-2 text-sm text-muted">Nothing recorded yet: the timeline starts with the first check this dashboard makes.</p>
      ) : (
        <div className="mt-2 space-y-3">
          {groupByDay(items).map((g) => (
            <section key={g.day} aria-label={formatDay(g.day)}>
              <h3 className="text-xs font-semibold uppercase text-muted">{formatDay(g.day)}</h3>
              <ul className="mt-1 space-y-1">
                {g.items.map((r) => (
                  <Change key={`${r.host}:${r.id}`} r={r} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {q.data?.note ? <p className="mt-2 text-xs text-muted">{q.data.note}</p> : null}
    </Card>
  );
}
