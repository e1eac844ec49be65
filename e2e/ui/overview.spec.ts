import { expect, test } from '@playwright/test';
import { startDecoy } from '../../test/support/decoy-process';

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

// The sandbox's sysbox-runc is a STAND-IN (runc): Docker registers it at a path
// that is not the Sysbox binary, so sysbox.runtime warns whatever this machine
// runs. sysbox.services is not asserted here: it depends on the processes of
// the machine running the tests (a real Kasm agent may run Sysbox, an
// engineer may run decoys); test/integration/status.test.ts arranges both cases.
// sysbox.installed fails because HOST_ROOT=/ has no /usr/bin/sysbox-runc.
test('the Overview shows the verdict and every check, status by icon and word', async ({ page }) => {
  await page.goto('/');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible();
  await expect(verdict).toHaveAttribute('data-verdict', 'not-ready');
  await expect(verdict).toContainText('Not ready for Sysbox');
  await expect(verdict).toContainText(/\d+ blockers?/);
  await expect(page.getByTestId('checked-ago')).toContainText(/checked \d+ s ago/);
  for (const id of CHECK_IDS) await expect(page.getByTestId(`check-${id}`)).toHaveCount(1);
  const installed = page.getByTestId('check-sysbox.installed');
  await expect(installed).toHaveAttribute('data-status', 'fail');
  await expect(installed).toContainText('Fail');
  await expect(installed).toContainText('✖');
  const runtime = page.getByTestId('check-sysbox.runtime');
  await expect(runtime).toHaveAttribute('data-status', 'warn');
  await expect(runtime).toContainText('Warn');
  // Passes are collapsed into one line that expands.
  const passes = page.getByTestId('passes');
  await passes.getByTestId('passes-summary').click();
  await expect(page.getByTestId('check-docker.reachable')).toBeVisible();
  await expect(page.getByTestId('check-docker.reachable')).toContainText('Pass');
  if (process.env.KSD_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/overview.png', fullPage: true });
});

test('a check’s fix is copied to the clipboard with one click', async ({ page }) => {
  await page.goto('/');
  // The stand-in runtime's warning (deterministic, see above) carries a fix.
  const card = page.getByTestId('check-sysbox.runtime');
  await expect(card).toHaveAttribute('data-status', 'warn');
  const shown = (await card.getByTestId('fix-commands').innerText()).trim();
  await card.getByTestId('copy-fix').click();
  await expect(card.getByTestId('copy-fix')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  expect(copied.split('\n').at(-1)).toBe('sudo systemctl reload docker');
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

// The test arranges what it needs: its own processes named sysbox-mgr and
// sysbox-fs (copies of /bin/sleep). The e2e server reads this machine's /proc.
test('a process merely named sysbox-mgr does not make sysbox.services pass: the card names its executable (screenshot)', async ({ page }) => {
  test.setTimeout(60_000);
  const mgr = await startDecoy('sysbox-mgr');
  const fsd = await startDecoy('sysbox-fs');
  try {
    await page.goto('/');
    const card = page.getByTestId('check-sysbox.services');
    await expect(card).toBeVisible({ timeout: 20_000 });
    const res = await page.request.get('/api/v1/hosts/local/status');
    const body = (await res.json()) as { facts: { sysbox: { services: Record<string, { executable: string | null }> } } };
    const real = body.facts.sysbox.services['sysbox-mgr']?.executable === 'installed' && body.facts.sysbox.services['sysbox-fs']?.executable === 'installed';
    if (!real) {
      await expect(card).toHaveAttribute('data-status', 'warn');
      await expect(card).toContainText('A process carries a Sysbox name but is not the Sysbox binary');
      // The summary names the oldest same-named process (another decoy may already run on this machine).
      await expect(card).toContainText(/runs \S+, not \/usr\/bin\/sysbox-fs/);
    }
    await card.getByTestId('evidence').getByText(/^Evidence/).click();
    // The status is reused for up to 2 s and polled every 5 s: wait for a probe that saw our decoys.
    await expect(card.getByTestId('evidence')).toContainText(`sysbox-mgr: pid ${mgr.pid} runs ${mgr.exe}, not /usr/bin/sysbox-mgr`, { timeout: 20_000 });
    await expect(card.getByTestId('evidence')).toContainText(`sysbox-fs: pid ${fsd.pid} runs ${fsd.exe}, not /usr/bin/sysbox-fs`);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/overview-services-decoy.png', fullPage: true });
  } finally {
    await mgr.stop();
    await fsd.stop();
  }
});
