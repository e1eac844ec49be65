'use client';

import { useQuery } from '@tanstack/react-query';
import { useHostId } from '@/components/host/use-host';
import { hostFactsQuery, type HostFacts } from '@/lib/client/generate';

/** Live host values for the generators (null while loading or when unavailable). */
export function useHostFacts(): { facts: HostFacts | null; loading: boolean; error: string | null } {
  const host = useHostId();
  const q = useQuery(hostFactsQuery(host));
  return { facts: q.data ?? null, loading: q.isPending, error: q.error ? q.error.message : null };
}

export function HostFactsNote({ facts, loading, error }: { facts: HostFacts | null; loading: boolean; error: string | null }) {
  if (loading) return <p className="text-xs text-muted">Reading live values from the host…</p>;
  if (error) return <p className="text-xs text-muted">Live host values unavailable ({error}): type the values in.</p>;
  if (!facts) return null;
  const got = (facts.kasmUser !== null && facts.kasmUser.source !== 'unknown') || facts.subuidStart !== null || facts.idShift !== 'unknown' || facts.daemonJson !== null;
  return (
    <details className="text-xs text-muted">
      <summary className="cursor-pointer">
        {got ? `Live values from ${facts.hostName} are filled in (you can override them).` : `No live values from ${facts.hostName}: type the values in.`}
      </summary>
      <ul className="mt-1 list-disc pl-5">
        {facts.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
        {facts.kasmUser ? <li data-testid="kasm-user-fact">facts.kasmUser ({facts.kasmUser.source}): {facts.kasmUser.explanation}</li> : null}
        {facts.mechanism ? <li>Kernel ID shifting: {facts.mechanism}</li> : null}
      </ul>
    </details>
  );
}
