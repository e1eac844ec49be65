import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_FIXTURES as F, KASM_IMAGE } from '../global-setup';
import { enumerateRoutes } from '../security/routes';
import { STORAGE_STATE } from '../support/credentials';

/**
 * Live pages and clean first paints, in Chromium against the production build.
 * The e2e sandbox's "sysbox-runc" is a STAND-IN (runc). Containers are started
 * with the docker CLI straight on the sandbox daemon (the dashboard's own
 * connection goes through the read-only recording proxy).
 */
const sandbox = JSON.parse(process.env.KSD_E2E_SANDBOX ?? '{}') as { dockerHost?: string };
const dockerHost = sandbox.dockerHost ?? '';
function docker(args: string[]): string {
  return execFileSync('docker', ['-H', dockerHost, ...args], { encoding: 'utf8' }).trim();
}
const made: string[] = [];
test.afterAll(() => {
  if (made.length && dockerHost) execFileSync('docker', ['-H', dockerHost, 'rm', '-f', ...made], { stdio: 'ignore' });
});

const pages = enumerateRoutes()
  .filter((r) => r.kind === 'page')
  .map((r) => r.url);

async function shot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Console errors (hydration mismatches included), page errors, failed and 4xx/5xx requests (favicon included). */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Next.js cancels its own link prefetches (?_rsc=) when a newer one starts or the page goes: not a failure.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && new URL(r.url()).searchParams.has('_rsc')) return;
    problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

for (const width of [1280, 390]) {
  test(`every page at ${width} px loads with no console error or failed request`, async ({ browser }) => {
    // Nine pages, each waited on until it says "live": minutes on a loaded 2-CPU machine.
    test.setTimeout(300_000);
    const context = await browser.newContext({
      storageState: STORAGE_STATE,
      viewport: { width, height: 900 },
      baseURL: test.info().project.use.baseURL,
    });
    try {
      for (const url of pages.map((u) => (u.startsWith('/containers/') ? `/containers/${F.session}` : u))) {
        const page = await context.newPage();
        const problems = watch(page);
        await page.goto(url);
        await page.waitForLoadState('load');
        if (url !== '/login') await expect(page.getByTestId('live-marker')).toHaveAttribute('data-state', 'live');
        // The browser asks for the favicon on its own: wait for that answer too.
        const favicon = await page.request.get('/favicon.ico');
        expect(favicon.status(), '/favicon.ico').toBe(200);
        if (width === 390 && (url === '/containers' || url === '/')) await shot(page, `live-${url === '/' ? 'overview' : 'containers'}-${width}`);
        if (width === 390 && url === '/containers') {
          const card = page.getByTestId('container-card').filter({ has: page.getByText(F.session, { exact: true }) });
          await expect(card).toBeVisible();
          await expect(card.getByText('sysbox-runc')).toBeVisible();
          await expect(card.locator('[data-status]').first()).toContainText('running');
          // Nothing sticks out at the right edge.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        }
        page.removeAllListeners();
        expect(problems, url).toEqual([]);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
}

test('first paint is server-rendered: the HTML already holds the data, not a skeleton', async ({ request }) => {
  const html = await (await request.get('/containers')).text();
  expect(html).toContain(F.session);
  expect(html).toContain(F.runc);
  const detail = await (await request.get(`/containers/${F.session}`)).text();
  expect(detail).toContain('/sbin/init');
  const overview = await (await request.get('/')).text();
  expect(overview).toContain('data-testid="checked-ago"');
  expect(overview).not.toContain('aria-label="Loading host status"');
});

test('a container started with the docker CLI appears on an open Containers page within 2 s, without reload', async ({ page }) => {
  test.skip(!dockerHost, 'needs the e2e sandbox (run through npm test)');
  await page.goto('/containers');
  await expect(page.getByTestId('live-marker')).toHaveAttribute('data-state', 'live');
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations += 1;
  });
  const name = `ksd-e2e-live-${process.pid}`;
  made.push(name);
  docker(['run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', KASM_IMAGE]);
  const row = page.getByRole('table', { name: 'Containers' }).locator(`tr[data-name="${name}"]`);
  await expect(row).toBeVisible({ timeout: 2_000 });
  await expect(row).toContainText('running', { timeout: 2_000 });
  expect(navigations).toBe(0);
  await shot(page, 'live-containers-1280');
});

test('when the live stream drops, the page says "polling" and stays correct', async ({ page }) => {
  test.setTimeout(90_000);
  test.skip(!dockerHost, 'needs the e2e sandbox (run through npm test)');
  await page.goto('/containers');
  const marker = page.getByTestId('live-marker');
  await expect(marker).toHaveAttribute('data-state', 'live');
  // Keep the stream from coming back, then cut the open one (window.stop() aborts the page's open connections).
  await page.route('**/api/v1/hosts/*/events', (r) => r.abort());
  await page.evaluate(() => window.stop());
  await expect(marker).toHaveAttribute('data-state', 'polling');
  await expect(marker).toHaveText(/polling/);
  const name = `ksd-e2e-poll-${process.pid}`;
  made.push(name);
  docker(['run', '-d', '--name', name, '--network', 'none', KASM_IMAGE]);
  // Polling (every 5 s) brings it in.
  const row = page.getByRole('table', { name: 'Containers' }).locator(`tr[data-name="${name}"]`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(marker).toHaveAttribute('data-state', 'polling');
  await shot(page, 'live-containers-polling');
  // And live again once the stream can reconnect.
  await page.unroute('**/api/v1/hosts/*/events');
  await expect(marker).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
});
