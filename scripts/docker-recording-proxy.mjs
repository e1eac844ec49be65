// A recording proxy between the dashboard and a Docker daemon, for the e2e run.
// It listens on a unix socket, writes one JSON line per request
// ({t, method, path, allowed}) and forwards only allow-listed GETs; anything
// else is answered 403 and recorded as a violation. scripts/test.mjs starts it
// in front of the e2e sandbox and fails the run when the log shows a request
// outside the allow-list (or shows no traffic at all, i.e. the proxy was bypassed).
//
// The allow-list mirrors lib/server/docker.ts on purpose (an independent copy the
// audit does not share with the code it audits; test/unit/auth-policy.test.ts
// checks that the two agree). Docker API version prefixes (/v1.47/...) are stripped.
import fs from 'node:fs';
import http from 'node:http';
import { forwardToDocker } from '../tools/docker-forward.mjs';

export const ALLOWED_PATHS = [
  /^\/_ping$/,
  /^\/version$/,
  /^\/info$/,
  /^\/containers\/json$/,
  /^\/containers\/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\/json$/,
  /^\/events$/,
];

export function isAllowedRequest(method, url) {
  let pathname;
  try {
    pathname = new URL(url, 'http://docker').pathname;
  } catch {
    return false;
  }
  pathname = pathname.replace(/^\/v\d+\.\d+(?=\/)/, '');
  return method === 'GET' && ALLOWED_PATHS.some((re) => re.test(pathname));
}

/**
 * Starts the proxy. Returns { dockerHost, close() }.
 * @param {{ upstreamSocket: string, listenSocket: string, logFile: string }} opts
 */
export function startRecordingProxy({ upstreamSocket, listenSocket, logFile }) {
  fs.rmSync(listenSocket, { force: true });
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const allowed = isAllowedRequest(method, url);
    log.write(`${JSON.stringify({ t: new Date().toISOString(), method, path: url, allowed })}\n`);
    if (!allowed) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `recording proxy: ${method} ${url} is not an allow-listed GET` }));
      req.resume();
      return;
    }
    forwardToDocker(req, res, { upstreamSocket, label: 'recording proxy' });
  });
  // Hijacked connections (attach, exec start) would arrive as upgrades: record and refuse.
  server.on('upgrade', (req, socket) => {
    log.write(`${JSON.stringify({ t: new Date().toISOString(), method: req.method, path: req.url, allowed: false, upgrade: true })}\n`);
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenSocket, () => {
      resolve({
        dockerHost: `unix://${listenSocket}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => log.end(done));
          }),
      });
    });
  });
}

/** Reads a proxy log: { total, violations: [{method, path}] }. */
export function auditLog(logFile) {
  let text = '';
  try {
    text = fs.readFileSync(logFile, 'utf8');
  } catch {
    return { total: 0, violations: [] };
  }
  const entries = text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return {
    total: entries.length,
    violations: entries.filter((e) => !isAllowedRequest(e.method, e.path)).map((e) => ({ method: e.method, path: e.path })),
  };
}
