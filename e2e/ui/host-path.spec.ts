import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * Issue #11 item 2 on the e2e host (HOST_ROOT=/ of this machine): the Volumes
 * page shows the filesystem type and owner of the host folder a volume
 * mapping points at, read from the host's mountinfo and lstat. The test
 * mounts a tmpfs (as root) in a temp dir and chowns it.
 */
let dir = '';

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-e2e-host-path-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'ksd-e2e-host-path', dir]);
  fs.chownSync(dir, 4242, 4343);
});

test.afterAll(() => {
  if (!dir) return;
  execFileSync('umount', [dir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the Volumes page shows the host folder\'s filesystem type and owner, with the chown hint for a foreign owner', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/generate/volumes');
  await page.getByLabel('Host path').fill(`${dir}/{username}`);
  const line = page.getByTestId('host-path-fs');
  await expect(line).toHaveText(`${dir}: tmpfs filesystem, owned by 4242:4343`);
  await expect(line.locator('.font-mono').last()).toHaveText('4242:4343');
  await expect(page.getByTestId('note-host-path.owner')).toHaveText(
    `${dir} is owned by 4242:4343, neither kasm-user's host ids nor 1000: Kasm chowns it to the mapping's uid/gid when a session starts, unless skip_check is set.`,
  );
  // tmpfs is local: 1000/1000 gets the generator's opt-in warning but no network-filesystem warning.
  await page.getByLabel('Use 1000/1000 instead (opt-in)').check();
  await expect(page.getByTestId('opt-in-warning')).toBeVisible();
  await expect(page.getByTestId('host-path-warning')).toHaveCount(0);
  await page.getByLabel('Use 1000/1000 instead (opt-in)').uncheck();
  await page.screenshot({ path: 'test-results/screenshots/volumes-host-path.png', fullPage: true });
  if (process.env.KSD_SCREENSHOTS) {
    fs.mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/volumes-host-path.png', fullPage: true });
  }
});

test('GET host-path refuses .. with a 400 in the one error shape', async ({ request }) => {
  const res = await request.get(`/api/v1/hosts/local/host-path?path=${encodeURIComponent(`${dir}/../../etc`)}`);
  expect(res.status()).toBe(400);
  expect(await res.json()).toEqual({
    error: {
      code: 'bad_request',
      message: `Invalid host path "${dir}/../../etc": the host path must not contain ".." segments`,
      issues: [{ path: ['path'], message: 'the host path must not contain ".." segments' }],
    },
  });
});

test('GET host-path for an unknown host is a 404', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/nope/host-path?path=/srv');
  expect(res.status()).toBe(404);
});
