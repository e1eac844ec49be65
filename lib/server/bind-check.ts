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
import net from 'node:net';
import { isLoopbackHost } from './auth/policy';

/** Addresses the HTTP servers of this process listen on (host part only). */
export function listeningAddresses(): string[] {
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  const out: string[] = [];
  for (const h of handles) {
    if (!(h instanceof net.Server) || !h.listening) continue;
    const a = h.address();
    if (a !== null && typeof a === 'object') out.push(a.address);
  }
  return out;
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
