import { expect, test } from '@playwright/test';

const CHECK_IDS = [
  'docker.reachable',
  'docker.rootless',
  'docker.snap',
  'sysbox.installed',
  'sysbox.runtime',
  'sysbox.services',
  'daemon-json',
  'kernel.version',
  'kernel.id-shifting',
  'kernel.userns',
  'subid.sysbox',
  'host.os',
  'containers.sysbox-health',
];

// This machine has no Sysbox; the sandbox's sysbox-runc is a STAND-IN (runc).
test('the Overview shows the verdict and every check, status by icon and word', async ({ page }) => {
  await page.goto('/');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible();
  await expect(verdict).toHaveAttribute('data-verdict', 'not-ready');
  await expect(verdict).toContainText('Not ready for Sysbox');
  await expect(verdict).toContainText(/\d+ blockers?/);
  await expect(page.getByTestId('checked-ago')).toContainText(/checked \d+ s ago/);
  for (const id of CHECK_IDS) await expect(page.getByTestId(`check-${id}`)).toHaveCount(1);
  const services = page.getByTestId('check-sysbox.services');
  await expect(services).toHaveAttribute('data-status', 'fail');
  await expect(services).toContainText('Fail');
  await expect(services).toContainText('✖');
  // Passes are collapsed into one line that expands.
  const passes = page.getByTestId('passes');
  await passes.getByTestId('passes-summary').click();
  await expect(page.getByTestId('check-docker.reachable')).toBeVisible();
  await expect(page.getByTestId('check-docker.reachable')).toContainText('Pass');
  if (process.env.KSD_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/overview.png', fullPage: true });
});

test('a failing check’s fix is copied to the clipboard with one click', async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('check-sysbox.services');
  await expect(card).toHaveAttribute('data-status', 'fail');
  const shown = (await card.getByTestId('fix-commands').innerText()).trim();
  await card.getByTestId('copy-fix').click();
  await expect(card.getByTestId('copy-fix')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  expect(copied.split('\n')[0]).toBe('sudo systemctl restart sysbox');
});

test('evidence expands to show what was seen', async ({ page }) => {
  await page.goto('/');
  const card = page.getByTestId('check-sysbox.installed');
  await card.getByTestId('evidence').getByText(/^Evidence/).click();
  await expect(card.getByTestId('evidence')).toContainText('/usr/bin/sysbox-runc: not found');
});

test('the status refreshes on its own (5 s polling)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('verdict')).toBeVisible();
  const next = page.waitForResponse((r) => r.url().endsWith('/api/v1/hosts/local/status') && r.status() === 200, { timeout: 20_000 });
  await next;
});
