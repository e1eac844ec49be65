/**
 * Pure request-policy helpers (no I/O): bearer parsing, loopback addresses,
 * safe post-login redirects. Origins and client addresses: ./client.ts.
 */
import crypto from 'node:crypto';

export interface HeaderLike {
  get(name: string): string | null;
}

export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(headers: HeaderLike): string | null {
  const h = headers.get('authorization');
  if (h === null) return null;
  const m = /^Bearer[ ]+([\x21-\x7e]{1,512})\s*$/i.exec(h);
  return m?.[1] ?? null;
}

/** Constant-time token comparison (hashes first so lengths do not leak). */
export function tokenMatches(given: string, expected: string | undefined): boolean {
  if (expected === undefined || expected === '') return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Where to go after login: only a local path, never another site. The result
 * is re-serialised by the WHATWG URL parser, so it is percent-encoded ASCII
 * (a Location header may carry nothing else: `/\u2215` made Next.js throw
 * "Invalid character in header content") and dot segments are resolved before
 * the /login and /api checks.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2048) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\x00-\x1f\x7f\\]/.test(next)) return '/';
  const base = 'http://next.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  const path = `${url.pathname}${url.search}`;
  if (path.length > 4096 || path.startsWith('//')) return '/';
  if (path === '/login' || path.startsWith('/login?') || path === '/api' || path.startsWith('/api/')) return '/';
  return path;
}
