'use strict';
// The image's HEALTHCHECK: GET /api/health on the address the server binds
// (HOSTNAME, or loopback when it binds every address) and PORT. Exit 0 = healthy.
// Reads the same two variables lib/server/env.ts validates; no other input.
const rawHost = process.env.HOSTNAME || '127.0.0.1';
const host = rawHost === '0.0.0.0' ? '127.0.0.1' : rawHost === '::' || rawHost === '[::]' ? '[::1]' : rawHost.includes(':') && !rawHost.startsWith('[') ? `[${rawHost}]` : rawHost;
const port = process.env.PORT || '3000';
fetch(`http://${host}:${port}/api/health`, { signal: AbortSignal.timeout(4000) }).then(
  (res) => {
    if (!res.ok) console.error(`health: HTTP ${res.status}`);
    process.exit(res.ok ? 0 : 1);
  },
  (err) => {
    console.error(`health: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
