import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_PORT, spawnServer, tempDataDir, waitHealthy, type TestServer } from '../support/server';

/**
 * The sign-in limit (issue #12, break 2), on servers of their own (port
 * E2E_PORT+5) so that spending the budget of 127.0.0.1 does not lock the
 * shared e2e servers. Limits: lib/server/auth/rate-limit.ts LOGIN_LIMITS
 * (10 per address per 15 min; beyond 100 failures in all, 100 ms more delay
 * per failure, at most 10 s).
 */
const PORT = E2E_PORT + 5;
const PASSWORD = 'limit-admin-password-1';

async function login(req: APIRequestContext, url: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  return (await req.post(`${url}/api/auth/login`, { data: { password }, headers, failOnStatusCode: false, timeout: 60_000 })).status();
}

test.describe.configure({ mode: 'serial' });

test('X-Forwarded-For from a client that is not a trusted proxy does not reset its budget', async ({ playwright }) => {
  test.setTimeout(120_000);
  const tmp = tempDataDir();
  const req = await playwright.request.newContext();
  let server: TestServer | undefined;
  try {
    server = spawnServer(PORT, { HOME: tmp.root, DASHBOARD_DATA_DIR: tmp.dataDir, DASHBOARD_PASSWORD: PASSWORD });
    await waitHealthy(server);
    for (let i = 0; i < 10; i++) expect(await login(req, server.url, `wrong-${i}`, { 'X-Forwarded-For': `198.51.100.${i}` }), `attempt ${i + 1}`).toBe(401);
    const blocked = await req.post(`${server.url}/api/auth/login`, { data: { password: 'wrong' }, failOnStatusCode: false });
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    // A fresh spoofed address with the right password: still the same (socket) client, still blocked.
    expect(await login(req, server.url, PASSWORD, { 'X-Forwarded-For': '9.9.9.8' })).toBe(429);
    expect(await login(req, server.url, PASSWORD, { 'X-Forwarded-For': '9.9.9.8', 'X-Real-IP': '9.9.9.7', Forwarded: 'for=9.9.9.6' })).toBe(429);
  } finally {
    await req.dispose();
    await server?.stop();
    tmp.cleanup();
  }
});

test('behind a trusted proxy: 40 concurrent wrong attempts from one client are at most 10 checked; a flood of failures only slows the right password', async ({ playwright }) => {
  // ~200 real scrypt checks: 2-4 min on a loaded 2-core machine.
  test.setTimeout(600_000);
  const tmp = tempDataDir();
  const req = await playwright.request.newContext();
  let server: TestServer | undefined;
  try {
    // The test plays the proxy: 127.0.0.1 is trusted, so X-Forwarded-For names the client.
    server = spawnServer(PORT, { HOME: tmp.root, DASHBOARD_DATA_DIR: tmp.dataDir, DASHBOARD_PASSWORD: PASSWORD, DASHBOARD_TRUSTED_PROXIES: '127.0.0.1, ::1' });
    await waitHealthy(server);
    const url = server.url;
    const from = (a: string) => ({ 'X-Forwarded-For': a });

    const concurrent = await Promise.all(Array.from({ length: 40 }, (_, i) => login(req, url, `wrong-${i}`, from('203.0.113.40'))));
    const checked = concurrent.filter((s) => s === 401).length;
    expect(concurrent.every((s) => s === 401 || s === 429), concurrent.join(',')).toBe(true);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
    // Another client behind the same proxy is not affected; over https (per the trusted proxy) the cookie is Secure.
    const viaProxy = await req.post(`${url}/api/auth/login`, { data: { password: PASSWORD }, headers: { ...from('203.0.113.41'), 'X-Forwarded-Proto': 'https' } });
    expect(viaProxy.status()).toBe(200);
    expect(viaProxy.headers()['set-cookie']).toMatch(/; Secure/i);

    // A flood: 150 failures from 150 addresses (10 at a time), well past the global threshold of 100.
    const statuses: number[] = [];
    for (let batch = 0; batch < 15; batch++) {
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => login(req, url, 'flood-wrong', from(`192.0.2.${batch * 10 + i + 1}`))))));
    }
    expect(statuses.filter((s) => s !== 401)).toEqual([]);
    // The right password, from any address, still signs in: slowed (at most 10 s), never refused.
    expect(await login(req, url, PASSWORD, from('198.18.0.1'))).toBe(200);
    expect(await login(req, url, PASSWORD, from('192.0.2.1'))).toBe(200);
  } finally {
    await req.dispose();
    await server?.stop();
    tmp.cleanup();
  }
});
