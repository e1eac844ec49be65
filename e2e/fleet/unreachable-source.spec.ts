import { expect, test } from '@playwright/test';

// The fleet server's `dead` host comes from its hosts file (DASHBOARD_HOSTS_FILE,
// docker.host unix:///tmp/ksd-no-docker-here.sock): when it is unreachable the
// dashboard names that entry, not DOCKER_HOST, which plays no part for it.

test('an unreachable hosts-file host names its docker.host in the hosts file, not DOCKER_HOST', async ({ page, request }) => {
  test.setTimeout(60_000);
  const status = await (await request.get('/api/v1/hosts/dead/status')).json();
  const check = status.checks.find((c: { id: string }) => c.id === 'docker.reachable');
  expect(check.summary).toBe(
    'The dashboard could not reach Docker at unix:///tmp/ksd-no-docker-here.sock (docker.host of "dead" in DASHBOARD_HOSTS_FILE): no Docker socket at that path [ENOENT].',
  );
  expect(check.fix.text).toBe('Start Docker on that host, or correct its docker.host in the hosts file (DASHBOARD_HOSTS_FILE; re-read when it changes).');
  expect(status.host).toEqual({ id: 'dead', name: 'dead-agent', endpoint: 'unix:///tmp/ksd-no-docker-here.sock' });

  // The Hosts page shows that summary in the dead host's row.
  await page.goto('/hosts');
  const row = page.getByTestId('host-row-dead');
  await expect(row).toContainText('Unreachable', { timeout: 30_000 });
  await expect(row).toContainText('docker.host of "dead" in DASHBOARD_HOSTS_FILE');
  await expect(row).not.toContainText('(DOCKER_HOST)');
  await page.screenshot({ path: 'test-results/hosts-unreachable-hosts-file-host.png', fullPage: true });

  // The Overview's Docker-unreachable panel shows the same check text and fix.
  await page.goto('/?host=dead');
  const panel = page.getByTestId('docker-unreachable');
  await expect(panel).toContainText('docker.host of "dead" in DASHBOARD_HOSTS_FILE', { timeout: 30_000 });
  await expect(panel).toContainText('correct its docker.host in the hosts file');
  await expect(panel).not.toContainText('DOCKER_HOST');
  await page.screenshot({ path: 'test-results/overview-unreachable-hosts-file-host.png', fullPage: true });
});
