/**
 * Next.js calls register() once when a server starts, right after it starts
 * listening (every way of starting: scripts/start.mjs, a bare `next start`,
 * the standalone server.js). Everything it does is Node.js-only and lives in
 * instrumentation-node.ts, imported only in the Node.js runtime (NEXT_RUNTIME
 * is set by Next.js itself, not configuration;
 * https://nextjs.org/docs/app/guides/instrumentation).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerNode } = await import('./instrumentation-node');
    registerNode();
  }
}
