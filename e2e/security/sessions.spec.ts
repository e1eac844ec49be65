import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_PORT, spawnServer, tempDataDir, waitHealthy, type TestServer } from '../support/server';

/**
 * Sessions that really end (issue #12, break 1). Each test runs its own
 * production server (scripts/start.mjs) with its own DASHBOARD_DATA_DIR on
 * port E2E_PORT+4, and restarts it.
 */
const PORT = E2E_PORT + 4;
const PASSWORD_A = 'first-admin-password-1';
const PASSWORD_B = 'second-admin-password-2';

async function signIn(req: APIRequestContext, url: string, password: string): Promise<string> {
  const res = await req.post(`${url}/api/auth/login`, { data: { password } });
  expect(res.status()).toBe(200);
  const cookie = /^ksd_session=([^;]+)/.exec(res.headers()['set-cookie'] ?? '')?.[1];
  expect(cookie).toBeTruthy();
  return cookie ?? '';
}

async function statusWith(req: APIRequestContext, url: string, cookie: string): Promise<number> {
  return (await req.get(`${url}/api/v1/hosts`, { headers: { Cookie: `ksd_session=${cookie}` }, failOnStatusCode: false })).status();
}

test.describe.configure({ mode: 'serial' });

test('a signed-out cookie stays refused after a restart; a kept one survives it; a new password ends every session', async ({ playwright }) => {
  test.setTimeout(240_000);
  const tmp = tempDataDir();
  const env = { HOME: tmp.root, DASHBOARD_DATA_DIR: tmp.dataDir };
  const req = await playwright.request.newContext();
  let server: TestServer | undefined;
  try {
    server = spawnServer(PORT, { ...env, DASHBOARD_PASSWORD: PASSWORD_A });
    await waitHealthy(server);
    const signedOut = await signIn(req, server.url, PASSWORD_A);
    const kept = await signIn(req, server.url, PASSWORD_A);
    const out = await req.post(`${server.url}/api/auth/logout`, { headers: { Cookie: `ksd_session=${signedOut}`, Origin: server.url } });
    expect(out.status()).toBe(200);
    expect(await statusWith(req, server.url, signedOut)).toBe(401);
    expect(await statusWith(req, server.url, kept)).toBe(200);
    await server.stop();

    // Same password, restarted: the sign-out holds, the other session goes on.
    server = spawnServer(PORT, { ...env, DASHBOARD_PASSWORD: PASSWORD_A });
    await waitHealthy(server);
    expect(await statusWith(req, server.url, signedOut)).toBe(401);
    expect(await statusWith(req, server.url, kept)).toBe(200);
    await server.stop();

    // Another password: every old cookie is refused; the new password signs in.
    server = spawnServer(PORT, { ...env, DASHBOARD_PASSWORD: PASSWORD_B });
    await waitHealthy(server);
    expect(await statusWith(req, server.url, kept)).toBe(401);
    expect(await statusWith(req, server.url, signedOut)).toBe(401);
    expect((await req.post(`${server.url}/api/auth/login`, { data: { password: PASSWORD_A }, failOnStatusCode: false })).status()).toBe(401);
    const fresh = await signIn(req, server.url, PASSWORD_B);
    expect(await statusWith(req, server.url, fresh)).toBe(200);
  } finally {
    await req.dispose();
    await server?.stop();
    tmp.cleanup();
  }
});

test('"Sign out everywhere" in the header ends every session, in every browser, also after a restart', async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const tmp = tempDataDir();
  const env = { HOME: tmp.root, DASHBOARD_DATA_DIR: tmp.dataDir, DASHBOARD_PASSWORD: PASSWORD_A };
  const req = await playwright.request.newContext();
  let server: TestServer | undefined;
  try {
    server = spawnServer(PORT, env);
    await waitHealthy(server);
    const otherBrowser = await signIn(req, server.url, PASSWORD_A);

    const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto('/login?next=%2Fhosts');
    await page.getByLabel('Admin password').fill(PASSWORD_A);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/hosts$/);
    const everywhere = page.getByRole('button', { name: 'Sign out everywhere' });
    await expect(everywhere).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/sign-out-everywhere.png' });
    // The API token is not a session: it cannot sign the admin out everywhere.
    expect((await req.post(`${server.url}/api/auth/logout-everywhere`, { headers: { Authorization: 'Bearer not-configured-here-at-all-xx' }, failOnStatusCode: false })).status()).toBe(401);

    await everywhere.click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    expect(await statusWith(req, server.url, otherBrowser)).toBe(401);
    await ctx.close();

    await server.stop();
    server = spawnServer(PORT, env);
    await waitHealthy(server);
    expect(await statusWith(req, server.url, otherBrowser)).toBe(401);
    const again = await signIn(req, server.url, PASSWORD_A);
    expect(await statusWith(req, server.url, again)).toBe(200);
  } finally {
    await req.dispose();
    await server?.stop();
    tmp.cleanup();
  }
});
