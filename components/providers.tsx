'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import type * as React from 'react';
import { onLiveInvalidate } from '@/lib/client/live';
import { getQueryClient } from '@/lib/client/query-client';

/**
 * The react-query client, mounted by the pages that read data (Overview,
 * Containers, detail, Hosts, Failures, Kasm), not by the root layout: the
 * generator pages and the login page ship no query library. Pushed live
 * changes (lib/client/live.ts) invalidate the queries they affect.
 */
export function Providers({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  useEffect(
    () =>
      onLiveInvalidate((keys) => {
        for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey: [...queryKey] });
      }),
    [queryClient],
  );
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
