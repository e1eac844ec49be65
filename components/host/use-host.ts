'use client';

import { useSearchParams } from 'next/navigation';

/** The host id the page is about (?host=, default "local"). */
export function useHostId(): string {
  const host = useSearchParams().get('host');
  return host && /^[a-z0-9][a-z0-9_-]{0,62}$/.test(host) ? host : 'local';
}
