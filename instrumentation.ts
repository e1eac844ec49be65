/**
 * Runs once in the server process when Next.js prepares it (every way of
 * starting: scripts/start.mjs, `next start`, the standalone server.js).
 * Enforces the bind rule of README "Security" on the sockets the server
 * really listens on (lib/server/bind-check.ts).
 */
export async function register(): Promise<void> {
  const [{ getEnv }, { passwordConfigured }, { bindRefusal, listeningAddresses }] = await Promise.all([
    import('./lib/server/env'),
    import('./lib/server/auth/password'),
    import('./lib/server/bind-check'),
  ]);
  const refusal = bindRefusal(listeningAddresses(), passwordConfigured(getEnv()));
  if (refusal !== null) {
    console.error(refusal);
    process.exit(1);
  }
}
