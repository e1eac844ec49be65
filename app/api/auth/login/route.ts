import { NextResponse } from 'next/server';
import { z } from 'zod';
import { route } from '@/lib/server/http';
import { AppError } from '@/lib/server/errors';
import { errorResponse } from '@/lib/server/error-response';
import { getEnv } from '@/lib/server/env';
import { adminPasswordHash, authState, clientContext, currentSigningKey, SESSION_COOKIE } from '@/lib/server/auth/guard';
import { verifyPassword } from '@/lib/server/auth/password';
import { clientAddress, isDeclaredCrossSite, servedOverHttps } from '@/lib/server/auth/client';
import { signSession } from '@/lib/server/auth/session';

export const dynamic = 'force-dynamic';

const body = z.object({ password: z.string().min(1, 'enter the password').max(1024) }).strict();

/**
 * Sign in with the admin password; sets the session cookie. Limited per client
 * address (counted before the check) and slowed globally (lib/server/auth/rate-limit.ts).
 */
export const POST = route({ body, maxBodyBytes: 4096 }, async ({ req, body }) => {
  const ctx = clientContext(req.headers);
  if (isDeclaredCrossSite(req.headers, ctx)) {
    throw new AppError('forbidden', 'Cross-origin sign-in refused');
  }
  const state = authState();
  const attempt = state.limiter.begin(clientAddress(req.headers, ctx));
  if (!attempt.ok) {
    const wait = attempt.retryAfterSeconds;
    return errorResponse(
      new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${wait} s.`, undefined, { retryAfterSeconds: wait }),
      { 'Retry-After': String(wait) },
    );
  }
  let ok: boolean;
  try {
    if (attempt.delayMs > 0) await new Promise((r) => setTimeout(r, attempt.delayMs));
    ok = await verifyPassword(body.password, await adminPasswordHash());
  } catch (err) {
    attempt.abandoned();
    throw err;
  }
  if (!ok) {
    attempt.failed();
    throw new AppError('unauthorized', 'Wrong password');
  }
  attempt.succeeded();
  const ttl = getEnv().DASHBOARD_SESSION_TTL_HOURS * 3600;
  const { token, session } = await signSession(await currentSigningKey(), ttl);
  const res = NextResponse.json({ ok: true, expiresAt: new Date(session.expiresAt * 1000).toISOString() }, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: servedOverHttps(req.headers, ctx),
    path: '/',
    maxAge: ttl,
  });
  return res;
});
