import { expect, test } from '@playwright/test';

test('GET /api/health answers 200 {"ok":true}', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});

test('unknown host id is a 404 in the one error shape', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/nope');
  expect(res.status()).toBe(404);
  expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Unknown host "nope"' } });
});

test('malformed host id is a 400 with issues', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/NOT..valid');
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe('bad_request');
  expect(body.error.issues.length).toBeGreaterThan(0);
});

test('the local host reaches the sandbox dockerd', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/local');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.reachable).toBe(true);
  expect(body.docker.apiVersion).toMatch(/^1\.\d+$/);
});
