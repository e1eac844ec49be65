// A recording proxy for the Docker Engine API: an HTTP server on a unix
// socket that forwards every request to the real daemon socket and counts it
// by method and path (query left off), with a timestamp per request so the
// bench can count calls per time window. Container ids are folded into {id}.
// The forwarding itself (responses, the /events stream, piped through
// unchanged) is tools/docker-forward.mjs, shared with the e2e recording proxy.
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { forwardToDocker } from '../../tools/docker-forward.mjs';

/**
 * Starts a proxy listening on `listenPath`, forwarding to `upstreamSocket`.
 * Returns { socketPath, counts(), calls(path), reset(), close() }.
 */
export async function startCountingProxy(listenPath, upstreamSocket) {
  fs.rmSync(listenPath, { force: true });
  const upstream = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let log = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    // Strip an API version prefix (/v1.41/info → /info) and the query.
    // Container ids and names become {id}: GET /containers/{id}/json counts every inspect together.
    const p = url
      .split('?')[0]
      .replace(/^\/v\d+\.\d+(?=\/)/, '')
      .replace(/^\/containers\/(?!json$)[^/]+/, '/containers/{id}');
    log.push({ method: req.method ?? 'GET', path: p, at: performance.now() });
    forwardToDocker(req, res, { upstreamSocket, agent: upstream, label: 'counting proxy' });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPath, resolve);
  });
  return {
    socketPath: listenPath,
    /** { "GET /info": n, … } since the last reset. */
    counts() {
      const c = {};
      for (const e of log) c[`${e.method} ${e.path}`] = (c[`${e.method} ${e.path}`] ?? 0) + 1;
      return c;
    },
    /** Timestamps (performance.now() ms) of calls to `method path` since the last reset. */
    calls(key) {
      return log.filter((e) => `${e.method} ${e.path}` === key).map((e) => e.at);
    },
    reset() {
      log = [];
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
      upstream.destroy();
      fs.rmSync(listenPath, { force: true });
    },
  };
}
