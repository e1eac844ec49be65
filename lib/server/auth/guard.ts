/**
 * Who is asking: a logged-in session (cookie), the API token (bearer), or
 * nobody. Shared by proxy.ts (pages, all of /api) and the route() wrapper.
 */
import { getEnv } from '../env';
import { loadSessionKey } from './data-dir';
import { loadPasswordHash } from './password';
import { bearerToken, isSafeMethod, tokenMatches, type HeaderLike } from './policy';
import { GUARD_MARK, PEER_HEADER, isSameOrigin, type ClientContext } from './client';
import { SESSION_COOKIE, verifySession, type Session } from './session';
import { SessionStore, sessionSigningKey } from './session-store';
import { LoginLimiter } from './rate-limit';

interface AuthState {
  dataDir: string;
  fileKey: Uint8Array;
  store: SessionStore;
  passwordHash?: Promise<string>;
  signingKey?: { generation: number; hash: string; key: Uint8Array };
  limiter: LoginLimiter;
}

const g = globalThis as unknown as { __ksdAuth?: AuthState } & Record<symbol, unknown>;

export function authState(): AuthState {
  const dataDir = getEnv().DASHBOARD_DATA_DIR;
  if (!g.__ksdAuth || g.__ksdAuth.dataDir !== dataDir) {
    g.__ksdAuth = { dataDir, fileKey: loadSessionKey(dataDir), store: new SessionStore(dataDir), limiter: new LoginLimiter() };
  }
  return g.__ksdAuth;
}

/** The stored/derived hash of the admin password (a generated one is printed once, on first need). */
export function adminPasswordHash(): Promise<string> {
  const s = authState();
  s.passwordHash ??= loadPasswordHash(getEnv(), s.fileKey).catch((err: unknown) => {
    s.passwordHash = undefined;
    throw err;
  });
  return s.passwordHash;
}

/** The key that signs session cookies now: bound to the password and the sign-out-everywhere generation. */
export async function currentSigningKey(): Promise<Uint8Array> {
  const s = authState();
  const hash = await adminPasswordHash();
  const { generation } = s.store.read();
  if (s.signingKey?.generation !== generation || s.signingKey.hash !== hash) {
    s.signingKey = { generation, hash, key: sessionSigningKey(s.fileKey, hash, generation) };
  }
  return s.signingKey.key;
}

/** The request's peer (from scripts/http-guard.mjs), trusted proxies and public URL. */
export function clientContext(headers: HeaderLike): ClientContext {
  const env = getEnv();
  return {
    peer: g[GUARD_MARK] === true ? headers.get(PEER_HEADER) : null,
    trustedProxies: env.DASHBOARD_TRUSTED_PROXIES ?? [],
    publicUrl: env.DASHBOARD_PUBLIC_URL,
  };
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
    const { store } = authState();
    const session = await verifySession(await currentSigningKey(), req.cookie, Date.now(), (id) => store.isRevoked(id));
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
  if (credentials.kind === 'session' && !isSafeMethod(req.method) && !isSameOrigin(req.headers, clientContext(req.headers))) {
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
