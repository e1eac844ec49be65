import 'server-only';
import { AppError } from './errors';
import { requireHost, statusOf } from './fleet';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';

/** facts.kasmUser of a host named by ?host= (404 for an unknown host); null when no host was named. */
export async function kasmUserOfHost(host: string | undefined): Promise<KasmUserFact | null> {
  if (host === undefined) return null;
  return (await statusOf(requireHost(host))).facts.kasmUser;
}

/** 422 naming the ids neither the body nor ?host= gave: never a silent 1000. */
export function missingIdsError(missing: readonly string[], host: string | undefined, fact: KasmUserFact | null): AppError {
  const why =
    host === undefined
      ? 'send them in the body, or pass ?host={id} to take kasm-user\'s host ids from that host\'s facts.kasmUser'
      : `host "${host}" does not know kasm-user's host ids (${fact?.source ?? 'unknown'}): ${fact?.explanation ?? ''}`;
  return new AppError(
    'validation_failed',
    `${missing.join(' and ')} missing: ${why}`,
    missing.map((m) => ({ path: [m], message: `${m} is required when the host's kasm-user ids are unknown` })),
  );
}
