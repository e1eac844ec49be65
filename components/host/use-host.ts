'use client';

import { useSearchParams } from 'next/navigation';
import { hostIdOrLocal } from '@/lib/contracts/host-id';

/** The host id the page is about (?host=, default "local"). */
export function useHostId(): string {
  return hostIdOrLocal(useSearchParams().get('host'));
}
