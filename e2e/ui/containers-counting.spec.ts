import fs from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * A freshly started server answers the first containers page before it has
 * inspected every container (issue #14 point 3): the API then says
 * `complete: false` and the page shows "counting…" beside the runtime chips
 * (whose counts are partial), and no "no sysbox-runc container" note. The real
 * cold path is tested on a real dockerd (test/integration/inventory-cold.test.ts);
 * here the e2e server is long warm, so the unfiltered page the browser navigates
 * to (RSC payload, or API when polled) is the real one with `complete` set to false.
 */
test('while the server is still counting, the Containers page says "counting…" beside the runtime chips', async ({ page }) => {
  const counting = (text: string) => text.replaceAll('"complete":true', '"complete":false').replaceAll('\\"complete\\":true', '\\"complete\\":false');
  // A chip click navigates: the page's data comes in the RSC payload (server-rendered), or from the API when polled.
  await page.route(/\/(containers|api\/v1\/hosts\/local\/containers)\?/, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const isRsc = req.headers()['rsc'] === '1';
    const isApi = url.pathname.startsWith('/api/');
    if ((!isRsc && !isApi) || url.searchParams.has('state')) return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, body: counting(await response.text()) });
  });
  // Server-rendered with a filter (complete), then the unfiltered page arrives as the browser navigates.
  await page.goto('/containers?state=running');
  await expect(page.getByRole('button', { name: 'Running only' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('runtimes-counting')).toHaveCount(0);
  await page.getByRole('button', { name: 'Running only' }).click();
  await expect(page.getByRole('button', { name: 'Running only' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('runtimes-counting')).toHaveText('counting…');
  await expect(page.getByTestId('no-sysbox-note')).toHaveCount(0);
  fs.mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/containers-counting.png', fullPage: false });
});
