// Forwards one HTTP request to a Docker daemon's unix socket and pipes the
// answer back unchanged. Shared by the two Docker proxies of the harness:
// scripts/docker-recording-proxy.mjs (e2e: allow-list audit) and
// bench/lib/proxy.mjs (bench: counts calls). Each decides what to record or
// refuse; this is only the forwarding both need.
import http from 'node:http';

/**
 * Forwards `req` to `upstreamSocket` and streams the answer into `res`.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ upstreamSocket: string, agent?: import('node:http').Agent, label: string }} opts
 *   `label` names the proxy in the 502 it answers when the daemon cannot be reached.
 */
export function forwardToDocker(req, res, { upstreamSocket, agent, label }) {
  const upstream = http.request(
    { socketPath: upstreamSocket, method: req.method, path: req.url ?? '/', headers: req.headers, agent },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      // Send the headers now, as dockerd does: a quiet /events stream has no
      // body for a while, and the client would otherwise time out waiting for them.
      res.flushHeaders();
      up.pipe(res);
      // Docker going away mid-stream (a stopped daemon ending /events) must end the client's stream too,
      // as a direct connection would: pipe() alone does not pass an aborted upstream on.
      up.on('close', () => {
        if (!res.writableEnded) res.destroy();
      });
    },
  );
  upstream.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: `${label}: upstream error ${err.message}` }));
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}
