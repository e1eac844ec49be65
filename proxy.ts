import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { errorResponse } from '@/lib/server/error-response';
import { deniedResponse } from '@/lib/server/auth/route-auth';
import { isPublicApiPath, isPublicFile, isPublicPage } from '@/lib/server/auth/public-routes';
import { clientContext, decide, SESSION_COOKIE } from '@/lib/server/auth/guard';
import { servedOverHttps } from '@/lib/server/auth/client';
import { safeNextPath } from '@/lib/server/auth/policy';

/**
 * In front of every page and API route (Next 16 "proxy", Node.js runtime):
 * - pages need a session or the API token, else a redirect to /login;
 * - /api needs one too (except /api/health and the sign-in call), else 401 JSON;
 *   so does /metrics (Prometheus sends the token; a 401, not a login redirect);
 *   route() checks again, so a route is never open by accident;
 * - a cookie-authenticated request that changes state must be same-origin, else 403;
 * - security headers everywhere, and a per-request nonce CSP on pages;
 *   Strict-Transport-Security when the browser came over https (DASHBOARD_PUBLIC_URL,
 *   or X-Forwarded-Proto from a trusted proxy). Paths this proxy skips (/_next/static,
 *   /_next/image) get the same static headers from next.config.mjs `headers()`.
 * What is open without signing in: lib/server/auth/public-routes.ts (route() asks there too).
 * Every refusal is written by lib/server/error-response.ts.
 */

function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Style attributes cannot carry nonces; inline *styles* are allowed, inline *scripts* are not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const HSTS = 'max-age=31536000';

function secure<T extends NextResponse>(res: T, csp: string, https: boolean): T {
  if (https) res.headers.set('Strict-Transport-Security', HSTS);
  res.headers.set('Content-Security-Policy', csp);
  res.headers.set('X-Content-Type-Options', 'nosniff');
  res.headers.set('Referrer-Policy', 'no-referrer');
  res.headers.set('X-Frame-Options', 'DENY');
  res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  return res;
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname } = req.nextUrl;
  const https = servedOverHttps(req.headers, clientContext(req.headers));
  // A path that does not decode (e.g. `%zz`) would make Next.js fail with a 500
  // while filling route params: refuse it here as the client error it is.
  if (!decodes(pathname)) {
    return secure(errorResponse(new AppError('bad_request', 'Malformed percent-encoding in the URL path')), API_CSP, https);
  }
  // public/ files are open to everyone (the browser asks for the icon before sign-in),
  // but only to read: Next.js answers a POST to a public file with a 500.
  if (isPublicFile(pathname)) {
    if (req.method === 'GET' || req.method === 'HEAD') return secure(NextResponse.next(), API_CSP, https);
    return secure(
      errorResponse(new AppError('method_not_allowed', `${req.method} is not allowed on ${pathname}`), { Allow: 'GET, HEAD' }),
      API_CSP,
      https,
    );
  }
  const input = { method: req.method, headers: req.headers, cookie: req.cookies.get(SESSION_COOKIE)?.value };

  if (pathname === '/api' || pathname.startsWith('/api/') || pathname === '/metrics' || pathname.startsWith('/metrics/')) {
    if (!isPublicApiPath(pathname)) {
      const d = await decide(input);
      if (!d.ok) return secure(deniedResponse(d), API_CSP, https);
    }
    return secure(NextResponse.next(), API_CSP, https);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = pageCsp(nonce, getEnv().NODE_ENV === 'development');

  if (!isPublicPage(pathname)) {
    const d = await decide(input);
    if (!d.ok) {
      if (d.status === 403) return secure(deniedResponse(d), csp, https);
      const login = new URL('/login', req.url);
      const next = safeNextPath(`${pathname}${req.nextUrl.search}`);
      if (next !== '/') login.searchParams.set('next', next);
      return secure(NextResponse.redirect(login, 307), csp, https);
    }
  }

  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }), csp, https);
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image).*)' }],
};
