import { expect, test } from '@playwright/test';

test('status answers 200 with docker.reachable failing and host files still checked', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/local/status');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.verdict).toBe('not-ready');
  expect(body.facts.docker).toBeNull();
  const byId = Object.fromEntries(body.checks.map((c: { id: string }) => [c.id, c]));
  expect(byId['docker.reachable'].status).toBe('fail');
  expect(byId['docker.reachable'].evidence).toContain('endpoint: unix:///tmp/ksd-no-docker-here.sock');
  expect(['pass', 'fail', 'warn', 'unknown']).toContain(byId['subid.sysbox'].status);
  expect(byId['subid.sysbox'].status).not.toBe('unknown');
});

test('the Overview shows the whole-page Docker state and, below it, the host-file checks', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('docker-unreachable')).toBeVisible();
  await expect(page.getByTestId('check-subid.sysbox')).toHaveCount(1);
  if (process.env.KSD_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/overview-no-docker.png', fullPage: true });
});
