import { QueryClient, isServer } from '@tanstack/react-query';

/** The one QueryClient factory (server: a fresh one per request; browser: one per tab). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        retry: 1,
        refetchOnWindowFocus: true,
        // Polling pauses while the tab is hidden (react-query's default for refetchInterval).
        refetchIntervalInBackground: false,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
