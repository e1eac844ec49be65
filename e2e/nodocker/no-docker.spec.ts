import { expect, test } from '@playwright/test';

const PAGES = ['/', '/containers', '/hosts', '/generate/run-config', '/generate/exec-config', '/generate/volumes', '/generate/daemon-json', '/generate/lint'];

test('with no Docker daemon the Overview says so and names DOCKER_HOST', async ({ page }) => {
  await page.goto('/');
  const alert = page.getByTestId('docker-unreachable');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('unix:///tmp/ksd-no-docker-here.sock');
  await expect(alert).toContainText('DOCKER_HOST');
});

for (const path of PAGES) {
  test(`page ${path} renders without Docker (no 5xx)`, async ({ page }) => {
    const errors: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
    });
    const res = await page.goto(path);
    expect(res?.status()).toBeLessThan(400);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });
}

test('API answers 200 with reachable=false when Docker is down', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/local');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.reachable).toBe(false);
  expect(body.error.code).toBe('docker_unreachable');
});
