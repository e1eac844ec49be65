/**
 * Login sessions: a JWT (HS256, `jose`) in an HttpOnly, SameSite=Strict
 * cookie, signed with a key derived from the key file in DASHBOARD_DATA_DIR,
 * the admin password's hash and the sign-out-everywhere generation
 * (./session-store.ts). Sign-out revokes the session id in the same store.
 */
import crypto from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

export const SESSION_COOKIE = 'ksd_session';
const ISSUER = 'kasm-sysbox-dashboard';

export interface Session {
  id: string;
  expiresAt: number; // epoch seconds
}

export async function signSession(key: Uint8Array, ttlSeconds: number, now = Date.now()): Promise<{ token: string; session: Session }> {
  const iat = Math.floor(now / 1000);
  const session: Session = { id: crypto.randomUUID(), expiresAt: iat + ttlSeconds };
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject('admin')
    .setJti(session.id)
    .setIssuedAt(iat)
    .setExpirationTime(session.expiresAt)
    .sign(key);
  return { token, session };
}

/**
 * The session a cookie value stands for, or null (bad signature, expired,
 * revoked according to `isRevoked`, malformed).
 */
export async function verifySession(
  key: Uint8Array,
  token: string,
  now = Date.now(),
  isRevoked: (id: string) => boolean = () => false,
): Promise<Session | null> {
  if (token.length === 0 || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      subject: 'admin',
      currentDate: new Date(now),
    });
    if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return null;
    if (isRevoked(payload.jti)) return null;
    return { id: payload.jti, expiresAt: payload.exp };
  } catch (err) {
    if (err instanceof joseErrors.JOSEError) return null;
    throw err;
  }
}
