import fs from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * A freshly started server answers the first containers page before it has
 * inspected every container (issue #14 point 3): the API then says
 * `complete: false` and the page shows "counting…" beside the runtime chips
 * (whose counts are partial), and no "no sysbox-runc container" note. The real
 * cold path is tested on a real dockerd (test/integration/inventory-cold.test.ts);
 * here the e2e server is long warm, so the unfiltered answer the browser fetches
 * is the real one with `complete` set to false.
 */
test('while the server is still counting, the Containers page says "counting…" beside the runtime chips', async ({ page }) => {
  await page.route(/\/api\/v1\/hosts\/local\/containers\?/, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: url.searchParams.has('state') ? body : { ...body, complete: false } });
  });
  // Server-rendered with a filter (complete), then the browser fetches the unfiltered page.
  await page.goto('/containers?state=running');
  await expect(page.getByRole('button', { name: 'Running only' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('runtimes-counting')).toHaveCount(0);
  await page.getByRole('button', { name: 'Running only' }).click();
  await expect(page.getByTestId('runtimes-counting')).toHaveText('counting…');
  await expect(page.getByTestId('no-sysbox-note')).toHaveCount(0);
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/containers-counting.png', fullPage: false });
});
