/**
 * A dashboard process reduced to its history parts, for the integration tests
 * that restart or kill -9 "the server": the real keeper (lib/server/history/keeper.ts,
 * which opens the inventory's one /events stream), the real recorder and store,
 * the real status path, configured from its environment like the app
 * (DOCKER_HOST, HOST_ROOT, DASHBOARD_HISTORY_DIR, ...). It answers on
 * 127.0.0.1:$KSD_CHILD_PORT:
 *   GET /status   → computes the host status (records verdict changes) → { verdict }
 *   GET /history  → ?kind=&limit= → the store's records (what is acknowledged)
 *   GET /stats    → recorder counters and the store mode
 * Run with: node --conditions=react-server --import tsx test/support/history-server.ts
 * (react-server makes `server-only` importable outside Next.js).
 */
import http from 'node:http';
import { getContainerFacts, inventoryStats } from '@/lib/server/containers/inventory';
import { listHosts } from '@/lib/server/hosts';
import { historyStore } from '@/lib/server/history';
import { startHistoryKeeper } from '@/lib/server/history/keeper';
import { recorderStats } from '@/lib/server/history/recorder';
import { clearHostStatusCache, getHostStatus } from '@/lib/server/probe/status';

async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const host = listHosts()[0];
  if (!host) throw new Error('no host configured');
  const store = historyStore();
  if (!store) throw new Error('history store did not open');
  startHistoryKeeper();
  // Wait for the event stream the keeper opens (the same call the keeper makes).
  await getContainerFacts(host);
  if (!inventoryStats(host.id).eventsLive) throw new Error('event stream not live');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    (async () => {
      if (url.pathname === '/status') {
        clearHostStatusCache();
        const s = await getHostStatus(host);
        return send({ verdict: s.verdict });
      }
      if (url.pathname === '/history') {
        const kind = url.searchParams.get('kind');
        return send(store.query({ kind: kind === 'verdict' || kind === 'failure' ? kind : undefined, hosts: [host.id], limit: Number(url.searchParams.get('limit') ?? 1000) }));
      }
      if (url.pathname === '/stats') return send({ mode: store.mode, readOnlyReason: store.readOnlyReason, ...recorderStats(host.id) });
      res.statusCode = 404;
      send({ error: 'not found' });
    })().catch((err: unknown) => {
      res.statusCode = 500;
      send({ error: err instanceof Error ? err.message : String(err) });
    });
  });
  server.listen(port, '127.0.0.1', () => console.log(`READY ${store.mode}`));
}

main().catch((err: unknown) => {
  console.error('[history-server]', err instanceof Error ? err.message : err);
  process.exit(1);
});
