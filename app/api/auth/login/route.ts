import { NextResponse } from 'next/server';
import { z } from 'zod';
import { route } from '@/lib/server/http';
import { AppError } from '@/lib/server/errors';
import { getEnv } from '@/lib/server/env';
import { adminPasswordHash, authState, SESSION_COOKIE } from '@/lib/server/auth/guard';
import { verifyPassword } from '@/lib/server/auth/password';
import { clientAddress, isDeclaredCrossSite, isHttps } from '@/lib/server/auth/policy';
import { signSession } from '@/lib/server/auth/session';

export const dynamic = 'force-dynamic';

const body = z.object({ password: z.string().min(1, 'enter the password').max(1024) }).strict();

/** Sign in with the admin password; sets the session cookie. Rate-limited per client address. */
export const POST = route({ auth: false, body, maxBodyBytes: 4096 }, async ({ req, body }) => {
  if (isDeclaredCrossSite(req.headers)) {
    throw new AppError('forbidden', 'Cross-origin sign-in refused');
  }
  const state = authState();
  const client = clientAddress(req.headers);
  const wait = state.limiter.retryAfter(client);
  if (wait > 0) {
    return NextResponse.json(
      { error: { code: 'rate_limited', message: `Too many failed sign-in attempts. Try again in ${wait} s.`, retryAfterSeconds: wait } },
      { status: 429, headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store' } },
    );
  }
  const ok = await verifyPassword(body.password, await adminPasswordHash());
  if (!ok) {
    state.limiter.fail(client);
    throw new AppError('unauthorized', 'Wrong password');
  }
  state.limiter.succeed(client);
  const ttl = getEnv().DASHBOARD_SESSION_TTL_HOURS * 3600;
  const { token, session } = await signSession(state.key, ttl);
  const res = NextResponse.json({ ok: true, expiresAt: new Date(session.expiresAt * 1000).toISOString() }, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(req.headers, req.nextUrl.protocol),
    path: '/',
    maxAge: ttl,
  });
  return res;
});
