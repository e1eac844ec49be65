'use strict';
// Serves the Next.js standalone build (`output: 'standalone'`) in THIS Node
// process: no `next start`, no child process. Used two ways:
// - `npm start` (scripts/start.mjs) checks the environment, builds when stale,
//   then calls serveStandalone() in its own process;
// - scripts/standalone.mjs copies this file over `.next/standalone/server.js`,
//   so `node server.js` in the container image (and `node .next/standalone/server.js`)
//   runs it as the entry point: the environment check (check-env.cjs beside it,
//   a short-lived child that exits before serving), then the same serveStandalone().
//
// It does what Next's generated standalone server.js does (NODE_ENV=production,
// the build's config from required-server-files.json in
// __NEXT_PRIVATE_STANDALONE_CONFIG, chdir into the build), but owns the
// http.Server, through Next's public custom-server API (next({ httpServer })),
// so the server can be hardened before it listens.
// https://nextjs.org/docs/app/guides/custom-server
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');
const { spawnSync } = require('node:child_process');

/**
 * Serves the standalone build in `dir` on hostname:port in this process.
 * Resolves with the listening http.Server.
 * @param {{ dir: string, port: number, hostname: string }} opts
 * @returns {Promise<import('node:http').Server>}
 */
async function serveStandalone({ dir, port, hostname }) {
  const requiredFiles = JSON.parse(fs.readFileSync(path.join(dir, '.next', 'required-server-files.json'), 'utf8'));
  process.env.NODE_ENV = 'production';
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(requiredFiles.config);
  process.chdir(dir);
  // The traced `next` inside the standalone folder, not the checkout's.
  const next = createRequire(path.join(dir, 'server.js'))('next');

  const server = http.createServer();
  // HTTP hardening (README "Security"): timeouts, no request body before sign-in,
  // the peer address for the login limit; applied before the server listens.
  // scripts/standalone.mjs copies scripts/http-guard.mjs beside server.js, so the
  // same relative import works in the checkout and in the image.
  (await import('./http-guard.mjs')).applyHttpGuard(server);

  const app = next({ dev: false, dir, hostname, port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on('request', (req, res) => {
    handle(req, res).catch((err) => {
      console.error(`kasm-sysbox-dashboard: request ${req.method} ${req.url} failed:`, err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Graceful stop (docker stop / systemctl stop send SIGTERM): stop accepting, let
  // requests in flight finish (bounded), then exit 0.
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.error(`kasm-sysbox-dashboard: ${signal}, stopping`);
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    server.close(() => {
      app.close().then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  console.error(`kasm-sysbox-dashboard: serving http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port} (pid ${process.pid})`);
  return server;
}

/** Entry point as `.next/standalone/server.js` (the image's `node server.js`). */
async function main() {
  const check = path.join(__dirname, 'check-env.cjs');
  // The same check as `npm start`: lib/server/env.ts and the Security defaults,
  // bundled by scripts/standalone.mjs. A child that exits before we serve.
  const r = spawnSync(process.execPath, [check], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  process.stderr.write(r.stderr ?? '');
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(1);
  const bind = JSON.parse(r.stdout);
  await serveStandalone({ dir: __dirname, port: bind.PORT, hostname: bind.HOSTNAME });
}

module.exports = { serveStandalone };

if (require.main === module) {
  main().catch((err) => {
    console.error('kasm-sysbox-dashboard: cannot start.', err);
    process.exit(1);
  });
}
