/**
 * Next.js calls register() once when a server starts. The history keeper
 * (lib/server/history/keeper.ts) runs only in the Node.js runtime: NEXT_RUNTIME
 * is set by Next.js itself and inlined at build time so the edge bundle drops
 * the import (https://nextjs.org/docs/app/guides/instrumentation). It is not
 * configuration; every setting is read in lib/server/env.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startHistoryKeeper } = await import('./lib/server/history/keeper');
    startHistoryKeeper();
  }
}
