// Timed HTTP GETs over 127.0.0.1 TCP or a unix socket, with keep-alive agents
// so that the dashboard and the raw Docker API are measured the same way.
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** A keep-alive agent; `maxSockets` bounds the parallel connections. */
export function agent(maxSockets = 64) {
  return new http.Agent({ keepAlive: true, maxSockets });
}

/**
 * GET `path` and read the whole body. target: { socketPath } or { port } (host is always 127.0.0.1).
 * Resolves { status, ms, bytes, body? }; never rejects (errors become status 0 with `error`).
 */
export function timedGet(target, path, { agent: a, headers = {}, timeoutMs = 30_000, keepBody = false } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const opts = {
      path,
      method: 'GET',
      agent: a,
      headers: { Accept: 'application/json', ...headers },
      timeout: timeoutMs,
      ...(target.socketPath ? { socketPath: target.socketPath } : { host: '127.0.0.1', port: target.port }),
    };
    const req = http.request(opts, (res) => {
      const chunks = [];
      let bytes = 0;
      res.on('data', (c) => {
        bytes += c.length;
        if (keepBody) chunks.push(c);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - t0,
          bytes,
          body: keepBody ? Buffer.concat(chunks).toString('utf8') : undefined,
        }),
      );
      res.on('error', (err) => resolve({ status: 0, ms: performance.now() - t0, bytes, error: String(err.message ?? err) }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - t0, bytes: 0, error: String(err.message ?? err) }));
    req.end();
  });
}

/** Sends a request with a JSON body (the bench uses it to create its fixtures on the sandbox daemon). */
export function jsonRequest(socketPath, method, path, body, { timeoutMs = 60_000, agent: a } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        socketPath,
        path,
        method,
        agent: a,
        timeout: timeoutMs,
        headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** A free TCP port on 127.0.0.1 (the OS picks it), so parallel benches and tests never collide. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
