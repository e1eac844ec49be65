/**
 * The Node.js half of instrumentation.ts (loaded only when NEXT_RUNTIME is
 * 'nodejs', so the edge build never sees process.exit or the native store):
 * - enforces the bind rule of README "Security" on the sockets the server
 *   really listens on (lib/server/bind-check.ts);
 * - applies scripts/http-guard.mjs to the listening HTTP server, so a bare
 *   `next start` gets it too (idempotent: scripts/standalone-server.cjs
 *   already applied it before listening);
 * - starts the history keeper (lib/server/history/keeper.ts).
 */
import { getEnv } from './lib/server/env';
import { passwordConfigured } from './lib/server/auth/password';
import { bindRefusal, listeningAddresses, listeningHttpServers } from './lib/server/bind-check';
import { startHistoryKeeper } from './lib/server/history/keeper';
import { applyHttpGuard } from './scripts/http-guard.mjs';

export function registerNode(): void {
  const refusal = bindRefusal(listeningAddresses(), passwordConfigured(getEnv()));
  if (refusal !== null) {
    console.error(refusal);
    process.exit(1);
  }
  for (const server of listeningHttpServers()) applyHttpGuard(server);
  startHistoryKeeper();
}
