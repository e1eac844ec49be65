import { NextResponse } from 'next/server';
import { route } from '@/lib/server/http';
import { requestCredentials } from '@/lib/server/auth';
import { SESSION_COOKIE } from '@/lib/server/auth/guard';
import { revokeSession } from '@/lib/server/auth/session';

export const dynamic = 'force-dynamic';

/** Sign out: the session stops working at once (revoked) and the cookie is cleared. */
export const POST = route({}, async ({ req }) => {
  const creds = await requestCredentials(req);
  if (creds.kind === 'session') revokeSession(creds.session);
  const res = NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 });
  return res;
});
