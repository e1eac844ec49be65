// Talking to a sandbox dockerd: its Engine API over the unix socket, and the
// docker CLI (tests use it to create fixtures; the dashboard never writes).
// Re-exported by tools/sandbox/sandbox-lib.mjs.
import { execFileSync } from 'node:child_process';
import http from 'node:http';

/** GET a Docker API path over a unix socket (or tcp with tls options). Resolves {status, body}. */
export function dockerRequest(socketPath, apiPath, { method = 'GET', timeoutMs = 3000, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: apiPath, method, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

export function dockerCli(dockerHost, args, opts = {}) {
  return execFileSync('docker', ['-H', dockerHost, ...args], { encoding: 'utf8', ...opts });
}

/** Runs the docker CLI against a sandbox (tests use it to create fixtures; the dashboard never writes). */
export function sandboxDocker(dockerHost, args, opts = {}) {
  return dockerCli(dockerHost, args, opts);
}
