import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_FIXTURES as F } from '../global-setup';

/** The e2e sandbox's "sysbox-runc" is a STAND-IN (runc): the UI shows what Docker and /proc say. */
const sandbox = JSON.parse(process.env.KSD_E2E_SANDBOX ?? '{}') as { subuidStart?: number | null };
// The harness's range (231072 on a fresh machine): never fall back to the guide's example.
if (typeof sandbox.subuidStart !== 'number') throw new Error('KSD_E2E_SANDBOX has no subuidStart');
const subuidStart = sandbox.subuidStart;

async function shot(page: Page, name: string) {
  if (!process.env.KSD_SCREENSHOTS) return;
  fs.mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

test('filter by runtime, open a container, see its ID map and findings', async ({ page }) => {
  await page.goto('/containers');
  const table = page.getByRole('table', { name: 'Containers' });
  await expect(table.locator(`tr[data-name="${F.runc}"]`)).toBeVisible();
  await shot(page, 'containers');

  await page.getByRole('button', { name: /^sysbox-runc \(\d+\)$/ }).click();
  await expect(page.getByRole('button', { name: /^sysbox-runc/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(table.locator(`tr[data-name="${F.runc}"]`)).toHaveCount(0);
  const rows = table.getByTestId('container-row');
  await expect(rows.first()).toBeVisible();
  for (const runtime of await rows.getByTestId('runtime').allTextContents()) expect(runtime).toBe('sysbox-runc');
  const alice = table.locator(`tr[data-name="${F.session}"]`);
  await expect(alice.getByTestId('kasm-badge')).toHaveText('Kasm session · alice');
  await expect(alice).toContainText(`${subuidStart} → ${subuidStart + 1000}`);

  await alice.getByRole('link', { name: F.session }).click();
  await expect(page.getByRole('heading', { level: 1, name: F.session })).toBeVisible();
  await expect(page.getByTestId('uid-kasm-user')).toHaveText(
    `container uid 1000 (kasm-user) → host uid ${subuidStart} + 1000 = ${subuidStart + 1000}`,
  );
  await expect(page.getByTestId('uid-map')).toHaveText(`0 ${subuidStart} 65536`);
  await expect(page.getByTestId('findings')).toContainText('No problems found');
  await expect(page.getByTestId('generator-link')).toHaveAttribute('href', `/generate/run-config?image=${encodeURIComponent('kasmweb/core-ubuntu-jammy:sandbox')}`);
  await shot(page, 'container-detail');

  // Back keeps the filter (it lives in the URL).
  await page.goBack();
  await expect(page).toHaveURL(/runtime=sysbox-runc/);
  await expect(page.getByRole('button', { name: /^sysbox-runc/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(table.locator(`tr[data-name="${F.runc}"]`)).toHaveCount(0);
});

test('a GPU container under sysbox-runc shows the finding with its fix, and why it has no ID map', async ({ page }) => {
  await page.goto(`/containers/${F.gpu}`);
  const finding = page.locator('[data-finding="sysbox.gpu"]');
  await expect(finding).toContainText('GPU under Sysbox');
  await expect(finding).toContainText('Sysbox does not support NVIDIA GPUs');
  await expect(finding.getByRole('button', { name: 'Copy fix' })).toBeVisible();
  await expect(page.getByTestId('idmap')).toContainText('not running');
  await shot(page, 'container-detail-gpu');
});

test('search and the problems chip narrow the table', async ({ page }) => {
  await page.goto('/containers');
  await page.getByRole('button', { name: 'With problems only' }).click();
  const table = page.getByRole('table', { name: 'Containers' });
  await expect(table.locator(`tr[data-name="${F.gpu}"]`)).toBeVisible();
  await expect(table.locator(`tr[data-name="${F.runc}"]`)).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search containers' }).fill('shared');
  await expect(table.getByTestId('container-row')).toHaveCount(2);
  await expect(table.locator(`tr[data-name="${F.sharedRunc}"] [data-finding="mount.shared-across-runtimes"]`)).toBeVisible();
});
