import { expect, test, type Page } from '@playwright/test';

/**
 * The Kasm page in Chromium against the STAND-IN Kasm API (HTTPS, test CA):
 * the main server has the right key, the fleet server (PORT+3) a wrong one,
 * and the no-Docker server (PORT+1) no KASM_URL. Sessions work on all three
 * (one data dir, cookies ignore ports).
 */
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100);

async function shot(page: Page, name: string) {
  // KSD_SCREENSHOTS=1 refreshes the README pictures; otherwise they land in test-results/.
  const dir = process.env.KSD_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

test('lists the Workspaces, filters to Sysbox, opens one and copies the corrected JSON', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/kasm');
  await expect(page.getByRole('link', { name: 'Kasm', exact: true })).toHaveAttribute('aria-current', 'page');
  const table = page.getByTestId('kasm-workspaces');
  // The first load reads Kasm and probes the host (slow on a loaded CI machine): a tolerance, not a speed check.
  await expect(table.locator('tr[data-workspace="Sysbox volume 1000"]')).toBeVisible({ timeout: 30_000 });
  // Real registry records from the corpus are listed too.
  await expect(table.locator('tr[data-workspace="Kali"]')).toBeVisible();
  const all = await table.locator('tbody tr').count();
  expect(all).toBeGreaterThan(30);
  // Deployment-wide findings first.
  const banner = page.getByTestId('kasm-deployment-findings');
  await expect(banner.locator('[data-finding="shared.volume"]')).toContainText('/srv/kasm/shared');
  await expect(banner.locator('[data-finding="group.user-override"]')).toContainText('Group Contractors');
  await expect(page.getByTestId('kasm-user')).toContainText('kasm-user is host uid/gid');
  await shot(page, 'kasm');

  await page.getByRole('button', { name: 'Sysbox only' }).click();
  await expect(page).toHaveURL(/sysbox=1/);
  await expect(table.locator('tr[data-workspace="Kali"]')).toHaveCount(0);
  const sysboxRows = table.locator('tbody tr');
  await expect(sysboxRows).toHaveCount(7);
  for (const cell of await table.getByTestId('runtime').all()) await expect(cell).toHaveText('sysbox-runc');
  await expect(table.locator('tr[data-workspace="Sysbox Jammy (right)"]')).toContainText('No findings');

  await page.getByRole('button', { name: 'With problems' }).click();
  await expect(table.locator('tr[data-workspace="Sysbox Jammy (right)"]')).toHaveCount(0);
  await expect(table.locator('tbody tr')).toHaveCount(6);

  await table.getByRole('link', { name: 'Sysbox without user' }).click();
  const detail = page.getByTestId('kasm-workspace-detail');
  await expect(detail.locator('[data-finding="sysbox.user-missing"]')).toContainText('Runs under Sysbox without "user": 0');
  await expect(detail.locator('[data-finding="sysbox.user-missing"]')).toContainText('run_config · line 2, column 3');
  await expect(detail.getByTestId('effective-run-config')).toContainText('"TZ": "UTC"');
  const fix = detail.getByTestId('fix-run_config');
  const shown = await fix.innerText();
  expect(JSON.parse(shown)).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0 });
  await detail.getByRole('button', { name: 'Copy corrected Docker Run Config Override (JSON)' }).click();
  await expect(detail.getByRole('button', { name: 'Copy corrected Docker Run Config Override (JSON)' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  await expect(detail.getByRole('link', { name: 'Open in generator' })).toHaveAttribute('href', '/generate/run-config?image=kasmweb%2Fcore-debian-bookworm%3A1.16.0');
  await shot(page, 'kasm-detail');

  await page.getByRole('link', { name: '← All Workspaces' }).click();
  await expect(page).toHaveURL(/\/kasm\?sysbox=1&problems=1$/);
});

test('with a wrong key the page says the key was refused and which permissions to check', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT + 3}/kasm`);
  const err = page.getByTestId('kasm-error');
  await expect(err).toHaveAttribute('data-code', 'kasm_auth', { timeout: 30_000 });
  await expect(err).toContainText('Kasm refused the API key');
  for (const p of ['Images View', 'Groups View', 'Groups View System', 'Storage Providers View']) await expect(err).toContainText(p);
  await shot(page, 'kasm-wrong-key');
});

test('with KASM_URL unset the page explains how to turn the feature on', async ({ page, request }) => {
  await page.goto(`http://127.0.0.1:${PORT + 1}/kasm`);
  const off = page.getByTestId('kasm-not-configured');
  await expect(off).toContainText('KASM_URL is not set', { timeout: 30_000 });
  await expect(off).toContainText('Read Only');
  for (const p of ['Images View', 'Groups View', 'Groups View System', 'Storage Providers View']) await expect(off).toContainText(p);
  await shot(page, 'kasm-not-configured');
  const res = await request.get(`http://127.0.0.1:${PORT + 1}/api/v1/kasm/workspaces`);
  expect(res.status()).toBe(503);
  expect((await res.json()).error.code).toBe('kasm_not_configured');
});
