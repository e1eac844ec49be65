import 'server-only';
import type { NextResponse, NextRequest } from 'next/server';
import { AppError } from '../errors';
import { errorResponse } from '../error-response';
import { decide, SESSION_COOKIE, type Credentials } from './guard';

/**
 * Authentication for API requests (called by route() for every route except
 * the public ones of ./public-routes.ts). Returns a Response to send instead of
 * running the handler (401 without credentials, 403 for a cross-origin cookie
 * request that changes state), or null when the request may proceed. proxy.ts
 * applies the same decision in front of every page and /api route.
 */
export async function authenticateApiRequest(req: NextRequest): Promise<Response | null> {
  const d = await decide({ method: req.method, headers: req.headers, cookie: req.cookies.get(SESSION_COOKIE)?.value });
  if (d.ok) return null;
  return deniedResponse(d);
}

/** A refused request, in the one error shape (also used by proxy.ts); a 401 names the Bearer realm. */
export function deniedResponse(d: { code: 'unauthorized' | 'forbidden'; message: string }): NextResponse {
  const headers: Record<string, string> = {};
  if (d.code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer realm="kasm-sysbox-dashboard"';
  return errorResponse(new AppError(d.code, d.message), headers);
}

/** The credentials of an API request (for handlers that need the session, e.g. logout). */
export async function requestCredentials(req: NextRequest): Promise<Credentials> {
  const d = await decide({ method: req.method, headers: req.headers, cookie: req.cookies.get(SESSION_COOKIE)?.value });
  return d.ok ? d.credentials : { kind: 'none', reason: d.message };
}
