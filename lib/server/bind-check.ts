/**
 * The bind rule (README "Security"): listening beyond loopback needs an
 * explicitly set admin password. Checked inside the server at start
 * (instrumentation.ts), so `next start`, Next's standalone `server.js` and
 * scripts/start.mjs are all covered, and on what the server is REALLY bound
 * to: the listening sockets of this process. `next start` without `-H`
 * listens on every interface (`::`), whatever HOSTNAME says; the standalone
 * server.js listens on HOSTNAME (next/dist/server/lib/start-server.js calls
 * `server.listen(port, hostname)` before instrumentation runs).
 * No server-only import (unit-tested).
 */
import http from 'node:http';
import net from 'node:net';
import { isLoopbackHost } from './auth/policy';

function listeningServers(): net.Server[] {
  // Node has no public list of a process's servers; _getActiveHandles() is the
  // one that exists (since 0.x, still in 20/22). Without it: nothing found.
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles.filter((h): h is net.Server => h instanceof net.Server && h.listening);
}

/** Addresses the servers of this process listen on (host part only). */
export function listeningAddresses(): string[] {
  const out: string[] = [];
  for (const s of listeningServers()) {
    const a = s.address();
    if (a !== null && typeof a === 'object') out.push(a.address);
  }
  return out;
}

/** The HTTP servers of this process that listen (Next's own, under `next start` or server.js). */
export function listeningHttpServers(): http.Server[] {
  return listeningServers().filter((s): s is http.Server => s instanceof http.Server);
}

/** null when fine, else the message to print before refusing to start. */
export function bindRefusal(addresses: readonly string[], passwordConfigured: boolean): string | null {
  const open = addresses.filter((a) => !isLoopbackHost(a));
  if (open.length === 0 || passwordConfigured) return null;
  return [
    `kasm-sysbox-dashboard: cannot start. It listens on ${open.join(', ')}, which lets other machines reach this`,
    'dashboard (it reads the Docker socket, which is root-equivalent), but no admin password is configured.',
    'Set one before binding beyond 127.0.0.1, e.g.:',
    '  DASHBOARD_PASSWORD="$(openssl rand -base64 24)" HOSTNAME=0.0.0.0 npm start',
    'or put it in a file readable only by this user and set DASHBOARD_PASSWORD_FILE=/path/to/file.',
    '(`next start` without -H listens on every interface: pass -H 127.0.0.1.)',
    'Better still: keep HOSTNAME=127.0.0.1 and put a TLS reverse proxy in front (README.md, "Security").',
  ].join('\n');
}
