import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signSession, verifySession } from '@/lib/server/auth/session';
import { SESSIONS_FILE, SessionStore, sessionSigningKey } from '@/lib/server/auth/session-store';
import { LoginLimiter } from '@/lib/server/auth/rate-limit';

const key = new Uint8Array(crypto.randomBytes(32));
const dirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-sessions-'));
  dirs.push(d);
  return path.join(d, 'data');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('session cookies (jose HS256)', () => {
  it('round-trips and expires', async () => {
    const now = Date.UTC(2026, 0, 1);
    const { token, session } = await signSession(key, 3600, now);
    expect(await verifySession(key, token, now + 1000)).toEqual(session);
    expect(await verifySession(key, token, now + 3601_000)).toBeNull();
  });

  it('rejects a tampered token, another key, alg=none and junk', async () => {
    const { token } = await signSession(key, 3600);
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    payload.exp = Number(payload.exp) + 10_000;
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await verifySession(key, forged)).toBeNull();
    expect(await verifySession(new Uint8Array(crypto.randomBytes(32)), token)).toBeNull();
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    expect(await verifySession(key, none)).toBeNull();
    for (const junk of ['', 'x', 'a.b.c', '%%%', 'x'.repeat(5000)]) expect(await verifySession(key, junk)).toBeNull();
  });
});

describe('session store (DASHBOARD_DATA_DIR/sessions.json)', () => {
  it('a revocation is persisted: a new store (a restart) still refuses the session', async () => {
    const dir = tmpDir();
    const { token, session } = await signSession(key, 3600);
    const before = new SessionStore(dir);
    expect(await verifySession(key, token, Date.now(), (id) => before.isRevoked(id))).not.toBeNull();
    before.revoke(session.id, session.expiresAt);
    const afterRestart = new SessionStore(dir);
    expect(await verifySession(key, token, Date.now(), (id) => afterRestart.isRevoked(id))).toBeNull();
    expect(fs.statSync(path.join(dir, SESSIONS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('prunes expired revocations and sees writes from another process', () => {
    const dir = tmpDir();
    const a = new SessionStore(dir);
    const b = new SessionStore(dir);
    const now = Date.UTC(2026, 0, 1);
    a.revoke('old', now / 1000 - 10, now);
    expect(b.isRevoked('old')).toBe(true);
    a.revoke('new', now / 1000 + 3600, now);
    expect(b.read().revoked).toEqual({ new: now / 1000 + 3600 });
    // `constructor` and friends are not revoked session ids.
    expect(b.isRevoked('constructor')).toBe(false);
  });

  it('sign out everywhere raises the generation, which changes the signing key', () => {
    const dir = tmpDir();
    const store = new SessionStore(dir);
    expect(store.read().generation).toBe(0);
    store.revoke('x', Date.now() / 1000 + 60);
    expect(store.revokeAll()).toBe(1);
    expect(new SessionStore(dir).read()).toEqual({ generation: 1, revoked: {} });
    const k0 = sessionSigningKey(key, 'scrypt$hash', 0);
    expect(sessionSigningKey(key, 'scrypt$hash', 0)).toEqual(k0);
    expect(sessionSigningKey(key, 'scrypt$hash', 1)).not.toEqual(k0);
    expect(sessionSigningKey(key, 'scrypt$other', 0)).not.toEqual(k0);
  });

  it('a damaged file is reported, not read as "nothing revoked"', () => {
    const dir = tmpDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, SESSIONS_FILE), '{"generation":');
    expect(() => new SessionStore(dir).read()).toThrow(/sessions\.json is damaged/);
  });
});

describe('sign-in limiter', () => {
  const limits = { windowMs: 60_000, perClient: 3, slowAfter: 5, stepMs: 100, maxDelayMs: 1000 };

  it('counts an attempt before the check: concurrent attempts beyond the limit are refused', () => {
    const l = new LoginLimiter(limits);
    const t = 1_000_000;
    const started = Array.from({ length: 10 }, (_, i) => l.begin('a', t + i));
    expect(started.filter((a) => a.ok)).toHaveLength(3);
    const refused = started[3];
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(l.begin('b', t).ok).toBe(true);
  });

  it('failures keep counting until the window passes; a success releases the address', () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 3; i++) {
      const a = l.begin('a', 1000 + i);
      if (a.ok) a.failed();
    }
    expect(l.begin('a', 2000).ok).toBe(false);
    expect(l.begin('a', 61_001).ok).toBe(true);

    const m = new LoginLimiter(limits);
    const first = m.begin('m', 1);
    if (first.ok) first.failed();
    const second = m.begin('m', 2);
    if (second.ok) second.succeeded();
    for (let i = 0; i < 3; i++) expect(m.begin('m', 3 + i).ok).toBe(true);
  });

  it('an abandoned attempt (an error, not a wrong password) does not count', () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 5; i++) {
      const a = l.begin('a', 10 + i);
      if (a.ok) a.abandoned();
    }
    expect(l.begin('a', 20).ok).toBe(true);
  });

  it('beyond the global threshold it slows every attempt (growing delay, capped) and never refuses a fresh address', () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 30; i++) {
      const a = l.begin(`198.51.100.${i}`, 5000);
      if (a.ok) a.failed();
    }
    expect(l.delayMs(5001)).toBe(1000);
    const fresh = l.begin('203.0.113.1', 5001);
    expect(fresh).toMatchObject({ ok: true, delayMs: 1000 });
    const l2 = new LoginLimiter(limits);
    for (let i = 0; i < 7; i++) {
      const a = l2.begin(`c${i}`, 5000);
      if (a.ok) a.failed();
    }
    expect(l2.delayMs(5001)).toBe(200);
    expect(l2.delayMs(65_001)).toBe(0);
  });

  it('an unknown address gets no per-address limit (it may be everyone), only the slow-down', () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 20; i++) {
      const a = l.begin('unknown', 100 + i);
      expect(a.ok).toBe(true);
      if (a.ok) a.failed();
    }
    expect(l.delayMs(200)).toBe(1000);
  });
});
