import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E_API_TOKEN } from '../support/credentials';
import { FLEET_SERVER_LOG, KASM_E2E_SECRET, KASM_E2E_WRONG_SECRET, MAIN_SERVER_LOG } from '../support/kasm';
import { enumerateRoutes } from './routes';

/**
 * The Kasm API key secret is never shown, logged or returned: every GET API
 * route and page of the main server (right key) and the fleet server (wrong
 * key, so Kasm's refusal goes through the error path), then both servers'
 * whole logs, searched for either secret.
 */
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100);

test('no response or server log line contains a Kasm API secret', async ({ playwright }) => {
  test.setTimeout(120_000);
  const secrets = [KASM_E2E_SECRET, KASM_E2E_WRONG_SECRET];
  const leaks: string[] = [];
  const kasmAnswers: Record<string, number> = {};
  for (const base of [`http://127.0.0.1:${PORT}`, `http://127.0.0.1:${PORT + 3}`]) {
    const req = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: { Authorization: `Bearer ${E2E_API_TOKEN}` } });
    for (const r of enumerateRoutes()) {
      if (r.kind === 'api' && !r.methods.includes('GET')) continue;
      if (r.isPublic && r.kind === 'page') continue;
      for (const url of [r.url, `${r.url}?host=local`]) {
        const res = await req.get(url, { failOnStatusCode: false });
        const text = await res.text();
        if (r.url === '/api/v1/kasm/workspaces') kasmAnswers[`${base}${url}`] = res.status();
        for (const s of secrets) if (text.includes(s)) leaks.push(`${base}${url}`);
      }
    }
    await req.dispose();
  }
  expect(leaks).toEqual([]);
  // The Kasm route was really exercised: 200 with the right key, 502 kasm_auth with the wrong one.
  expect(kasmAnswers).toEqual({
    [`http://127.0.0.1:${PORT}/api/v1/kasm/workspaces`]: 200,
    [`http://127.0.0.1:${PORT}/api/v1/kasm/workspaces?host=local`]: 200,
    [`http://127.0.0.1:${PORT + 3}/api/v1/kasm/workspaces`]: 502,
    [`http://127.0.0.1:${PORT + 3}/api/v1/kasm/workspaces?host=local`]: 502,
  });
  for (const log of [MAIN_SERVER_LOG, FLEET_SERVER_LOG]) {
    const text = fs.readFileSync(log, 'utf8');
    expect(text.length, log).toBeGreaterThan(0);
    for (const s of secrets) expect(text.includes(s), `${log} contains a Kasm secret`).toBe(false);
  }
});
