import { expect, test, type Page } from '@playwright/test';

const output = (page: Page) => page.getByTestId('generated-json');

async function copyAndReadBack(page: Page): Promise<string> {
  await page.getByTestId('copy-output').click();
  await expect(page.getByTestId('copy-output')).toHaveText('Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Generate, copy (clipboard read back), reload the shared URL and get the same output. */
async function copyAndReproduce(page: Page): Promise<string> {
  const text = (await output(page).textContent()) ?? '';
  expect(JSON.parse(text)).toBeTruthy();
  expect(await copyAndReadBack(page)).toBe(text);
  const url = page.url();
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  await expect(output(fresh)).toHaveText(text);
  await fresh.close();
  return text;
}

test('run config: the guide default, an edit, copy, and the shared URL reproduces it', async ({ page }) => {
  await page.goto('/generate/run-config');
  await expect(output(page)).toHaveText(JSON.stringify({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0 }, null, 2));
  await page.getByLabel('Hostname (optional)').fill('kasm-ws');
  await page.getByRole('radio', { name: /Group setting/ }).check();
  await expect(output(page)).toContainText('"hostname": "kasm-ws"');
  await expect(page.getByText(/group wins for runtime/)).toBeVisible();
  await expect(page.getByText('Admin › Groups')).toBeVisible();
  const text = await copyAndReproduce(page);
  expect(JSON.parse(text)).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0, hostname: 'kasm-ws' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .json' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('run_config-group.json');
  const chunks: Buffer[] = [];
  for await (const c of await file.createReadStream()) chunks.push(Buffer.from(c));
  expect(Buffer.concat(chunks).toString('utf8')).toBe(`${text}\n`);
});

test('run config refuses keys Kasm overrides and keys that break Sysbox', async ({ page }) => {
  await page.goto('/generate/run-config');
  await page.getByText('Additional docker-py keys (advanced)').click();
  await page.getByLabel('Extra keys (JSON object)').fill('{"privileged": true, "name": "x", "cap_add": ["NET_ADMIN"]}');
  await expect(output(page)).toContainText('"cap_add"');
  await expect(output(page)).not.toContainText('privileged');
  const warnings = page.getByTestId('warnings');
  await expect(warnings.locator('[data-id="refused.sysbox.privileged"]')).toContainText('Refused');
  await expect(warnings.locator('[data-id="refused.kasm.name"]')).toContainText('Refused');
  await page.getByLabel('Extra keys (JSON object)').fill('{"cap_add": [}');
  await expect(page.getByText(/line 1, column 14/)).toBeVisible();
});

test('run config reads the image from the URL (Containers page link)', async ({ page }) => {
  await page.goto('/generate/run-config?image=kasmweb/core-rockylinux-9:1.16.0');
  await expect(page.getByLabel('Image')).toHaveValue('rockylinux-9');
  await expect(page.getByLabel('Release tag')).toHaveValue('1.16.0');
});

test('exec config: sudo hook with dnf for Rocky, copy, reproduce', async ({ page }) => {
  await page.goto('/generate/exec-config?image=kasmweb/core-rockylinux-9:1.16.0');
  await page.getByLabel('Install sudo anyway').check();
  await expect(output(page)).toContainText('dnf install -y sudo');
  const text = await copyAndReproduce(page);
  expect(JSON.parse(text).first_launch.user).toBe('root');
});

test('storage mapping: S3 with the Sysbox-adjusted string ids, copy, reproduce', async ({ page }) => {
  await page.goto('/generate/volumes?tab=storage');
  await expect(page.getByTestId('kasm-user-ids')).toBeVisible(); // the host's ids arrived; typing overrides them
  await page.getByLabel('sysbox subuid start').fill('296608');
  await page.getByLabel('sysbox subgid start').fill('296608');
  await expect(output(page)).toContainText('"uid": "297608"');
  const text = await copyAndReproduce(page);
  expect(JSON.parse(text)).toEqual({
    driver: 'rclone',
    driver_opts: { type: 's3', 's3-provider': 'AWS', 's3-env-auth': 'false', 's3-region': 'us-east-1', uid: '297608', gid: '297608', allow_other: 'true' },
  });
});

test('daemon.json: merged into a pasted file, copy, reproduce', async ({ page }) => {
  await page.goto('/generate/daemon-json');
  await page.getByLabel(/^Current/).fill('{"log-level": "warn"}');
  await expect(output(page)).toContainText('"log-level": "warn"');
  const text = await copyAndReproduce(page);
  expect(JSON.parse(text).runtimes).toEqual({ 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } });
});

test('lint: a pasted broken JSON shows line and column', async ({ page }) => {
  await page.goto('/generate/lint');
  await page.getByLabel('Paste the JSON').fill('{\n  "runtime": "sysbox-runc",\n  "privileged": true\n  "user": 0\n}');
  const findings = page.getByTestId('findings');
  await expect(findings).toContainText('line 4, column 3');
  await page.getByLabel('Paste the JSON').fill('{\n  "runtime": "sysbox-runc",\n  "privileged": "true",\n  "security_opt": ["seccomp=unconfined"]\n}');
  await expect(findings.locator('[data-id="sysbox.privileged"]')).toContainText('line 3, column 3');
  await expect(findings.locator('[data-id="type.privileged-string"]')).toBeVisible();
  await expect(findings.locator('[data-id="sysbox.security_opt"]')).toBeVisible();
});

// Saved under test-results/ so test runs do not dirty the tree; docs/screenshots/ holds committed copies.
test('screenshots of the generator pages at 1280 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const shots: [string, string][] = [
    ['generate-run-config', '/generate/run-config?hostname=kasm&environment=%5B%7B%22key%22%3A%22TZ%22%2C%22value%22%3A%22UTC%22%7D%5D'],
    ['generate-exec-config', '/generate/exec-config?forceInstall=true'],
    ['generate-volumes', '/generate/volumes'],
    ['generate-storage', '/generate/volumes?tab=storage'],
    ['generate-daemon-json', '/generate/daemon-json?current=%7B%22log-level%22%3A%22warn%22%2C%22bip%22%3A%2210.9.0.1%2F16%22%7D'],
    ['generate-lint', `/generate/lint?text=${encodeURIComponent('{\n  "runtime": "sysbox-runc",\n  "privileged": "true",\n  "devices": ["dev/net/tun"],\n  "name": "fixed"\n}')}`],
  ];
  for (const [name, url] of shots) {
    await page.goto(url);
    await expect(page.locator('h1')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
});

test('generator pages do not scroll sideways on a 390 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ['/generate/run-config', '/generate/volumes', '/generate/lint']) {
    await page.goto(url);
    await expect(page.locator('h1')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});
