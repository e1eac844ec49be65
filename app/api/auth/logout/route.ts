import { NextResponse } from 'next/server';
import { route } from '@/lib/server/http';
import { requestCredentials } from '@/lib/server/auth/route-auth';
import { authState, SESSION_COOKIE } from '@/lib/server/auth/guard';

export const dynamic = 'force-dynamic';

/** Sign out: the session is revoked in DASHBOARD_DATA_DIR (it stays ended after a restart) and the cookie is cleared. */
export const POST = route({}, async ({ req }) => {
  const creds = await requestCredentials(req);
  if (creds.kind === 'session') authState().store.revoke(creds.session.id, creds.session.expiresAt);
  const res = NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 });
  return res;
});
