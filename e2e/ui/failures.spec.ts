import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';

/**
 * History in Chromium against the production server on the e2e sandbox. The
 * sandbox's "sysbox-runc" is a STAND-IN (runc) that FAILS create ON PURPOSE,
 * with Sysbox's own "failed to register with sysbox-mgr" message, when the
 * container's environment says KSD_STANDIN_FAIL_CREATE=sysbox-mgr-down
 * (tools/sandbox/standin.mjs). The test removes it 200 ms later, as Kasm does.
 */
const sandbox = JSON.parse(process.env.KSD_E2E_SANDBOX ?? '{}') as { dockerHost?: string };
const KASM_IMAGE = 'kasmweb/core-ubuntu-jammy:sandbox';
const shotDir = process.env.KSD_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';

function docker(args: string[]) {
  if (!sandbox.dockerHost) throw new Error('KSD_E2E_SANDBOX is not set: run e2e through `npm test`');
  return spawnSync('docker', ['-H', sandbox.dockerHost, ...args], { encoding: 'utf8' });
}

test('the Failures view shows a session the stand-in sysbox-runc failed on purpose, explained, with its fix', async ({ page, request }) => {
  const name = `carol_${crypto.randomBytes(4).toString('hex')}`;
  const run = docker(['run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=c0ffee0123', '-e', 'KSD_STANDIN_FAIL_CREATE=sysbox-mgr-down', KASM_IMAGE]);
  expect(run.status).not.toBe(0);
  await new Promise((r) => setTimeout(r, 200));
  expect(docker(['rm', '-f', name]).status).toBe(0);

  // The server recorded it (and its removal) from its event stream.
  await expect
    .poll(
      async () => {
        const body = (await (await request.get(`/api/v1/hosts/local/history?kind=failure&container=${name}`)).json()) as { items: { removedAt: string | null }[] };
        return body.items.filter((i) => i.removedAt !== null).length;
      },
      { timeout: 20_000 },
    )
    .toBe(1);

  await page.goto('/failures');
  const card = page.getByTestId('failure').filter({ hasText: name });
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-reason', 'sysbox-mgr-down');
  await expect(card.getByTestId('failure-meaning')).toHaveText('sysbox-mgr was not running when the container started.');
  await expect(card.getByTestId('failure-error')).toContainText('failed to register with sysbox-mgr');
  await expect(card.getByTestId('failure-fix')).toContainText('sudo systemctl restart sysbox');
  await expect(card.getByTestId('failure-removed')).toContainText(/Removed \(by Kasm\) \d+ s after it failed/);
  await expect(card).toContainText('user carol');

  // Filter by user narrows the list to carol's sessions.
  await page.getByLabel('User').selectOption('carol');
  await expect(page).toHaveURL(/user=carol/);
  await expect(page.getByTestId('failure').first()).toContainText('carol');
  await page.getByLabel('User').selectOption('');
  await page.screenshot({ path: `${shotDir}/failures.png`, fullPage: true });
});

test('the Overview shows since when its verdict holds and the timeline of what changed', async ({ page }) => {
  await page.goto('/');
  // The sandbox is "not ready" (no real Sysbox here), so the line reads "Not ready since …"; a ready host reads "Ready since …".
  await expect(page.getByTestId('verdict-since')).toContainText(/^(Ready|Needs attention|Not ready) since /);
  await expect(page.getByTestId('verdict-since')).toContainText('Not ready since');
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('What changed');
  await expect(timeline.getByTestId('timeline-entry').first()).toBeVisible();
  await timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shotDir}/overview-timeline.png`, fullPage: true });
});
