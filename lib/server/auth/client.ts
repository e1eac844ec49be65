/**
 * Who is on the other end of a request: the client address (for the login
 * limit) and the origin the browser used (for CSRF and Secure cookies).
 *
 * The peer is the socket's address, passed by scripts/http-guard.mjs in the
 * `x-ksd-peer` header; a client cannot set it, because the guard overwrites it,
 * and it is only believed when the guard runs in this process. X-Forwarded-For,
 * X-Forwarded-Proto and X-Forwarded-Host are believed only when that peer is
 * listed in DASHBOARD_TRUSTED_PROXIES: Next.js fills them in only when the
 * client did not send them (`??=` in next/dist/server/base-server.js), so
 * anything else would let a client choose its own address or origin.
 * No server-only import, so the pure parts are unit-tested directly.
 */
import net from 'node:net';
import { parseCidr } from '../env';
import type { HeaderLike } from './policy';

export const PEER_HEADER = 'x-ksd-peer';
/** Set on globalThis by scripts/http-guard.mjs when it runs in this process. */
export const GUARD_MARK = Symbol.for('kasm-sysbox-dashboard.http-guard');

export interface ClientContext {
  /** The socket's peer address, or null when unknown (the HTTP guard is not running). */
  peer: string | null;
  trustedProxies: readonly string[];
  /** DASHBOARD_PUBLIC_URL's origin, when set. */
  publicUrl?: string;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; lower case; null when not an IP address. */
export function normalizeAddress(address: string): string | null {
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped?.[1]) a = mapped[1];
  return net.isIP(a) === 0 ? null : a;
}

const blockLists = new Map<string, net.BlockList>();

function blockList(entries: readonly string[]): net.BlockList {
  const cacheKey = entries.join(',');
  let list = blockLists.get(cacheKey);
  if (!list) {
    list = new net.BlockList();
    for (const e of entries) {
      const c = parseCidr(e);
      if (c) list.addSubnet(normalizeAddress(c.address) ?? c.address, c.prefix, c.family);
    }
    blockLists.set(cacheKey, list);
  }
  return list;
}

export function isTrustedProxy(address: string | null, trustedProxies: readonly string[]): boolean {
  if (address === null || trustedProxies.length === 0) return false;
  const a = normalizeAddress(address);
  if (a === null) return false;
  return blockList(trustedProxies).check(a, net.isIP(a) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the peer, or, when the peer is a trusted proxy, the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy (each
 * proxy appends the address it saw, so entries further left are the client's
 * own claims). "unknown" when the peer is not known.
 */
export function clientAddress(headers: HeaderLike, ctx: ClientContext): string {
  const peer = ctx.peer === null ? null : normalizeAddress(ctx.peer);
  if (peer === null) return 'unknown';
  if (!isTrustedProxy(peer, ctx.trustedProxies)) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i] ?? '');
    // A malformed entry: stop at the last address a trusted proxy vouched for.
    if (hop === null) break;
    client = hop;
    if (!isTrustedProxy(hop, ctx.trustedProxies)) break;
  }
  return client;
}

function firstValue(headers: HeaderLike, name: string): string | null {
  const v = (headers.get(name)?.split(',')[0] ?? '').trim();
  return v === '' ? null : v;
}

/**
 * This server's own origin as the browser sees it (scheme://host:port):
 * DASHBOARD_PUBLIC_URL when set; else the Host header with the scheme of the
 * connection (plain http: the server itself does not speak TLS), or with
 * X-Forwarded-Proto/-Host when the peer is a trusted proxy. Null without a Host.
 */
export function serverOrigin(headers: HeaderLike, ctx: ClientContext): string | null {
  if (ctx.publicUrl) return ctx.publicUrl;
  const viaProxy = isTrustedProxy(ctx.peer, ctx.trustedProxies);
  const proto = viaProxy ? (firstValue(headers, 'x-forwarded-proto')?.toLowerCase() ?? 'http') : 'http';
  const host = (viaProxy ? firstValue(headers, 'x-forwarded-host') : null) ?? firstValue(headers, 'host');
  if (host === null || (proto !== 'http' && proto !== 'https')) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Whether the browser reached this server over https (Secure cookies, HSTS). */
export function servedOverHttps(headers: HeaderLike, ctx: ClientContext): boolean {
  return serverOrigin(headers, ctx)?.startsWith('https:') ?? false;
}

/**
 * Whether a state-changing request comes from this dashboard's own pages:
 * `Sec-Fetch-Site: same-origin`, or an Origin equal in scheme, host and port
 * to serverOrigin(). Anything else (cross-site, missing, `null`) is not.
 */
export function isSameOrigin(headers: HeaderLike, ctx: ClientContext): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = headers.get('origin');
  if (origin === null || origin === 'null') return false;
  let given: string;
  try {
    given = new URL(origin).origin;
  } catch {
    return false;
  }
  return given === serverOrigin(headers, ctx);
}

/** A request that declares itself cross-site (the login form, which has no session yet). */
export function isDeclaredCrossSite(headers: HeaderLike, ctx: ClientContext): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  return headers.get('origin') !== null && !isSameOrigin(headers, ctx);
}
