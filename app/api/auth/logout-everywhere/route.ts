import { NextResponse } from 'next/server';
import { route } from '@/lib/server/http';
import { AppError } from '@/lib/server/errors';
import { requestCredentials } from '@/lib/server/auth/route-auth';
import { authState, SESSION_COOKIE } from '@/lib/server/auth/guard';

export const dynamic = 'force-dynamic';

/**
 * Sign out everywhere: raises the session generation in DASHBOARD_DATA_DIR, so
 * the signing key changes and every session cookie ever issued (this one too)
 * stops working, in every process sharing the folder and after restarts.
 * Only for a signed-in browser session: the API token is not a session, and a
 * script holding it should not be able to sign the admin out by accident.
 */
export const POST = route({}, async ({ req }) => {
  const creds = await requestCredentials(req);
  if (creds.kind !== 'session') throw new AppError('forbidden', 'Sign out everywhere needs a signed-in session (not the API token)');
  authState().store.revokeAll();
  const res = NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 });
  return res;
});
