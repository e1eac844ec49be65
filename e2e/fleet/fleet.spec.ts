import { expect, test } from '@playwright/test';
import { E2E_API_TOKEN } from '../support/credentials';

// The fleet server watches: `local` (the e2e sandbox dockerd), `remote` (the
// first e2e server, another running instance of this dashboard, read through
// its /api/v1 with a token) and `dead` (a Docker socket that does not exist).

test('GET /api/v1/hosts lists every host with its verdict; the dead one is unreachable, secrets never shown', async ({ request }) => {
  const res = await request.get('/api/v1/hosts');
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).not.toContain(E2E_API_TOKEN);
  const { hosts } = JSON.parse(text) as { hosts: Array<Record<string, unknown>> };
  expect(hosts.map((h) => h.id)).toEqual(['local', 'remote', 'dead']);
  const [local, remote, dead] = hosts;
  expect(local).toMatchObject({ kind: 'docker', reachable: true, verdict: 'not-ready', runtimeRegistered: true });
  expect(remote).toMatchObject({ kind: 'dashboard', reachable: true, verdict: 'not-ready', runtimeRegistered: true });
  expect(remote?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect((remote?.counts as { sysbox: number }).sysbox).toBeGreaterThan(0);
  expect(dead).toMatchObject({ kind: 'docker', reachable: false, error: { code: 'docker_unreachable' } });
  expect(typeof dead?.unreachableSince).toBe('string');
});

test('a dashboard host serves status and containers through the remote instance', async ({ request }) => {
  const status = await (await request.get('/api/v1/hosts/remote/status')).json();
  expect(status.host).toEqual({ id: 'remote', name: 'remote-agent', endpoint: expect.stringMatching(/^http:/) });
  expect(status.checks.length).toBeGreaterThan(10);
  // facts.kasmUser comes through the remote dashboard as its own evaluator computed it.
  expect(status.facts.kasmUser).toMatchObject({ source: 'live-map' });
  const list = await request.get('/api/v1/hosts/remote/containers?runtime=sysbox-runc&state=running&pageSize=1');
  expect(list.status()).toBe(200);
  const body = await list.json();
  expect(body.total).toBeGreaterThan(0);
  expect(body.items[0].hostUids.kasmUser).toBeGreaterThan(1000);
  expect(body.items[0].hostUids.kasmUser).toBe(status.facts.kasmUser.uid);
  const one = await request.get(`/api/v1/hosts/remote/containers/${body.items[0].id}`);
  expect(one.status()).toBe(200);
  expect((await request.get('/api/v1/hosts/remote/containers/no-such-container')).status()).toBe(404);
  // the dead host answers its status with docker.reachable failing, never a 5xx
  const deadStatus = await request.get('/api/v1/hosts/dead/status');
  expect(deadStatus.status()).toBe(200);
  expect((await deadStatus.json()).checks.find((c: { id: string }) => c.id === 'docker.reachable').status).toBe('fail');
});

test('the Hosts page lists the fleet with verdicts; clicking a host opens its Overview', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/hosts');
  await expect(page.getByTestId('host-row-local')).toContainText('Not ready', { timeout: 30_000 });
  await expect(page.getByTestId('host-row-remote')).toContainText('Not ready');
  await expect(page.getByTestId('host-row-dead')).toContainText('Unreachable');
  await expect(page.getByTestId('host-row-dead')).toContainText('since');
  if (process.env.KSD_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/screenshots/hosts.png', fullPage: true });
  await page.getByTestId('host-row-remote').getByRole('link', { name: 'remote-agent' }).click();
  await expect(page).toHaveURL(/\/\?host=remote$/);
  await expect(page.getByText('Not ready for Sysbox')).toBeVisible();
  await expect(page.getByTestId('verdict')).toContainText('remote-agent');
});
