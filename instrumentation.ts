/**
 * Runs once in the server process when Next.js prepares it, right after it
 * starts listening (every way of starting: scripts/start.mjs, a bare
 * `next start`, the standalone server.js):
 * - enforces the bind rule of README "Security" on the sockets the server
 *   really listens on (lib/server/bind-check.ts);
 * - applies scripts/http-guard.mjs to the listening HTTP server, so a bare
 *   `next start` gets it too (idempotent: scripts/start.mjs already applied it
 *   through its preload, from the very first request).
 */
export async function register(): Promise<void> {
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
}
