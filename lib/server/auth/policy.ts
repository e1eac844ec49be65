/**
 * Pure request-policy helpers (no I/O): same-origin checks for CSRF, bearer
 * parsing, loopback addresses, safe post-login redirects, client address.
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

/**
 * Whether a state-changing request comes from this dashboard's own pages:
 * `Sec-Fetch-Site: same-origin`, or an Origin whose host is the one the
 * request was sent to. Anything else (cross-site, missing, `null`) is not.
 */
export function isSameOrigin(headers: HeaderLike): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = headers.get('origin');
  if (origin === null || origin === 'null') return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const hosts = [headers.get('host'), headers.get('x-forwarded-host')]
    .filter((h): h is string => h !== null)
    .map((h) => (h.split(',')[0] ?? '').trim().toLowerCase());
  return hosts.includes(originHost);
}

/** A request that declares itself cross-site (used for the login form, which has no session yet). */
export function isDeclaredCrossSite(headers: HeaderLike): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  const origin = headers.get('origin');
  return origin !== null && !isSameOrigin(headers);
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Where to go after login: only a local path, never another site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2048) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\x00-\x1f\\]/.test(next)) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/api/')) return '/';
  return next;
}

/**
 * The client address for rate limiting: the first X-Forwarded-For entry
 * (Next.js sets it from the socket when the client did not), else "unknown".
 */
export function clientAddress(headers: HeaderLike): string {
  const xff = headers.get('x-forwarded-for');
  const first = (xff?.split(',')[0] ?? '').trim().slice(0, 64);
  return first === '' ? 'unknown' : first;
}

export function isHttps(headers: HeaderLike, protocol: string): boolean {
  const proto = (headers.get('x-forwarded-proto')?.split(',')[0] ?? '').trim().toLowerCase();
  return proto === 'https' || protocol === 'https:';
}
