import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { revokeSession, signSession, verifySession } from '@/lib/server/auth/session';
import { FailureLimiter } from '@/lib/server/auth/rate-limit';

const key = new Uint8Array(crypto.randomBytes(32));

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

  it('stops working once revoked (logout)', async () => {
    const { token, session } = await signSession(key, 3600);
    expect(await verifySession(key, token)).not.toBeNull();
    revokeSession(session);
    expect(await verifySession(key, token)).toBeNull();
  });
});

describe('failed-login limiter', () => {
  it('blocks a client after N failures within the window, per client, then lets it retry', () => {
    const l = new FailureLimiter({ windowMs: 60_000, perClient: 3, global: 100 });
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('a', t + i)).toBe(0);
      l.fail('a', t + i);
    }
    expect(l.retryAfter('a', t + 10)).toBe(60);
    expect(l.retryAfter('b', t + 10)).toBe(0);
    expect(l.retryAfter('a', t + 60_001)).toBe(0);
  });

  it('has a global ceiling against address spraying', () => {
    const l = new FailureLimiter({ windowMs: 60_000, perClient: 3, global: 5 });
    for (let i = 0; i < 5; i++) l.fail(`client-${i}`, 1000);
    expect(l.retryAfter('fresh', 1001)).toBeGreaterThan(0);
  });

  it('a success clears the client', () => {
    const l = new FailureLimiter({ windowMs: 60_000, perClient: 2, global: 100 });
    l.fail('a', 1);
    l.succeed('a');
    l.fail('a', 2);
    expect(l.retryAfter('a', 3)).toBe(0);
  });
});
