import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { decide, SESSION_COOKIE, type Credentials } from './auth/guard';

/**
 * Authentication for API requests (called by route() for every route except
 * those with `auth: false`). Returns a Response to send instead of running the
 * handler (401 without credentials, 403 for a cross-origin cookie request that
 * changes state), or null when the request may proceed. proxy.ts applies the
 * same decision in front of every page and /api route.
 */
export async function authenticateApiRequest(req: NextRequest): Promise<Response | null> {
  const d = await decide({ method: req.method, headers: req.headers, cookie: req.cookies.get(SESSION_COOKIE)?.value });
  if (d.ok) return null;
  return deniedResponse(d);
}

/** The one error shape, for a refused request (also used by proxy.ts). */
export function deniedResponse(d: { status: 401 | 403; code: string; message: string }): NextResponse {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (d.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="kasm-sysbox-dashboard"';
  return NextResponse.json({ error: { code: d.code, message: d.message } }, { status: d.status, headers });
}

/** The credentials of an API request (for handlers that need the session, e.g. logout). */
export async function requestCredentials(req: NextRequest): Promise<Credentials> {
  const d = await decide({ method: req.method, headers: req.headers, cookie: req.cookies.get(SESSION_COOKIE)?.value });
  return d.ok ? d.credentials : { kind: 'none', reason: d.message };
}
