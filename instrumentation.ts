/**
 * Next.js calls register() once when a server starts, right after it starts
 * listening (every way of starting: scripts/start.mjs, a bare `next start`,
 * the standalone server.js). In the Node.js runtime only (NEXT_RUNTIME is set
 * by Next.js itself and inlined at build time, so the edge bundle drops the
 * imports; https://nextjs.org/docs/app/guides/instrumentation; it is not
 * configuration: every setting is read in lib/server/env.ts):
 * - enforces the bind rule of README "Security" on the sockets the server
 *   really listens on (lib/server/bind-check.ts);
 * - applies scripts/http-guard.mjs to the listening HTTP server, so a bare
 *   `next start` gets it too (idempotent: scripts/start.mjs already applied it
 *   from the very first request);
 * - starts the history keeper (lib/server/history/keeper.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ getEnv }, { passwordConfigured }, { bindRefusal, listeningAddresses, listeningHttpServers }, { applyHttpGuard }] = await Promise.all([
    import('./lib/server/env'),
    import('./lib/server/auth/password'),
    import('./lib/server/bind-check'),
    import('./scripts/http-guard.mjs'),
  ]);
  const refusal = bindRefusal(listeningAddresses(), passwordConfigured(getEnv()));
  if (refusal !== null) {
    console.error(refusal);
    process.exit(1);
  }
  for (const server of listeningHttpServers()) applyHttpGuard(server);
  const { startHistoryKeeper } = await import('./lib/server/history/keeper');
  startHistoryKeeper();
}
