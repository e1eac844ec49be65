/**
 * Who is asking: a logged-in session (cookie), the API token (bearer), or
 * nobody. Shared by proxy.ts (pages, all of /api) and the route() wrapper.
 */
import { getEnv } from '../env';
import { loadSessionKey } from './data-dir';
import { loadPasswordHash } from './password';
import { bearerToken, isSafeMethod, isSameOrigin, tokenMatches, type HeaderLike } from './policy';
import { SESSION_COOKIE, verifySession, type Session } from './session';
import { FailureLimiter, LOGIN_LIMITS } from './rate-limit';

interface AuthState {
  dataDir: string;
  key: Uint8Array;
  passwordHash?: Promise<string>;
  limiter: FailureLimiter;
}

const g = globalThis as unknown as { __ksdAuth?: AuthState };

export function authState(): AuthState {
  const dataDir = getEnv().DASHBOARD_DATA_DIR;
  if (!g.__ksdAuth || g.__ksdAuth.dataDir !== dataDir) {
    g.__ksdAuth = { dataDir, key: loadSessionKey(dataDir), limiter: new FailureLimiter(LOGIN_LIMITS) };
  }
  return g.__ksdAuth;
}

/** The stored/derived hash of the admin password (a generated one is printed once, on first need). */
export function adminPasswordHash(): Promise<string> {
  const s = authState();
  s.passwordHash ??= loadPasswordHash(getEnv()).catch((err: unknown) => {
    s.passwordHash = undefined;
    throw err;
  });
  return s.passwordHash;
}

export type Credentials = { kind: 'token' } | { kind: 'session'; session: Session } | { kind: 'none'; reason: string };

export interface RequestLike {
  method: string;
  headers: HeaderLike;
  cookie: string | undefined;
}

export async function credentialsOf(req: RequestLike): Promise<Credentials> {
  const token = bearerToken(req.headers);
  if (req.headers.get('authorization') !== null) {
    if (token !== null && tokenMatches(token, getEnv().DASHBOARD_API_TOKEN)) return { kind: 'token' };
    return { kind: 'none', reason: 'The Authorization header does not carry a valid API token' };
  }
  if (req.cookie) {
    const session = await verifySession(authState().key, req.cookie);
    if (session) return { kind: 'session', session };
    return { kind: 'none', reason: 'Your session has expired or was signed out' };
  }
  return { kind: 'none', reason: 'Sign in, or send Authorization: Bearer <DASHBOARD_API_TOKEN>' };
}

export type Decision = { ok: true; credentials: Credentials } | { ok: false; status: 401 | 403; code: 'unauthorized' | 'forbidden'; message: string };

/** 401 without credentials; 403 for a cookie-authenticated state change from another origin. */
export async function decide(req: RequestLike): Promise<Decision> {
  const credentials = await credentialsOf(req);
  if (credentials.kind === 'none') return { ok: false, status: 401, code: 'unauthorized', message: credentials.reason };
  if (credentials.kind === 'session' && !isSafeMethod(req.method) && !isSameOrigin(req.headers)) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: 'Cross-origin request refused: state-changing requests must come from the dashboard itself',
    };
  }
  return { ok: true, credentials };
}

export { SESSION_COOKIE };
