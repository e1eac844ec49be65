import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_FIXTURES as F } from '../global-setup';

/**
 * Issue #11 on the e2e sandbox host: its range is the harness's (231072 on a
 * fresh machine, never the guide's 296608), and its "sysbox-runc" is a
 * STAND-IN (runc under userns-remap), so the live map is what Docker's
 * userns-remap gives. Every number is read from the host, none typed in.
 */
const sandbox = JSON.parse(process.env.KSD_E2E_SANDBOX ?? '{}') as { subuidStart?: number | null };

interface KasmUser {
  uid: number | null;
  gid: number | null;
  rangeStart: { uid: number | null; gid: number | null };
  source: string;
  explanation: string;
}

async function kasmUserOf(request: APIRequestContext): Promise<KasmUser & { uid: number; gid: number }> {
  const st = (await (await request.get('/api/v1/hosts/local/status')).json()) as { facts: { kasmUser: KasmUser } };
  const ku = st.facts.kasmUser;
  expect(ku.source).toBe('live-map');
  expect(ku.rangeStart.uid).toBe(sandbox.subuidStart);
  if (ku.uid === null || ku.gid === null) throw new Error('facts.kasmUser has no ids on the sandbox');
  return { ...ku, uid: ku.uid, gid: ku.gid };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  if (!process.env.KSD_SCREENSHOTS) return;
  fs.mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

test('facts.kasmUser is the live map of the running sysbox-runc (STAND-IN) container', async ({ request }) => {
  const ku = await kasmUserOf(request);
  const list = (await (await request.get(`/api/v1/hosts/local/containers?q=${F.session}`)).json()) as { items: { name: string; hostUids: { kasmUser: number | null } | null }[] };
  expect(list.items.find((c) => c.name === F.session)?.hostUids?.kasmUser).toBe(ku.uid);
});

test('Volumes page pre-fills kasm-user\'s host ids with no warning; 1000/1000 is the explained opt-in (STAND-IN sysbox-runc)', async ({ page, request }) => {
  const ku = await kasmUserOf(request);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/generate/volumes');
  await expect(page.getByLabel('uid', { exact: true })).toHaveValue(String(ku.uid));
  await expect(page.getByLabel('gid', { exact: true })).toHaveValue(String(ku.gid));
  await expect(page.getByTestId('kasm-user-ids')).toContainText(`${ku.uid}/${ku.gid}`);
  await expect(page.getByTestId('id-case')).toHaveText(ku.explanation);
  const out = page.getByTestId('generated-json');
  await expect(out).toContainText(`"uid": ${ku.uid}`);
  const warnings = page.getByTestId('warnings');
  await expect(warnings.locator('[data-id="ids.mismatch"]')).toHaveCount(0);
  await expect(warnings.locator('[data-id="ids.opt-in-1000"]')).toHaveCount(0);
  await expect(page.getByTestId('opt-in-warning')).toHaveCount(0);
  await shot(page, 'volumes-kasm-user');

  await page.getByLabel('Use 1000/1000 instead (opt-in)').check();
  await expect(out).toContainText('"uid": 1000');
  const warn = page.getByTestId('opt-in-warning');
  await expect(warn).toContainText('works only when Sysbox ID-maps the bind mount');
  await expect(warn).toContainText('On NFS or CIFS the mount fails');
  await expect(warn).toContainText(`${ku.uid}/${ku.gid} (kasm-user's host ids here) works on every filesystem`);
  await expect(warnings.locator('[data-id="ids.opt-in-1000"]')).toBeVisible();
  await shot(page, 'volumes-opt-in-1000');

  await page.getByLabel('Use 1000/1000 instead (opt-in)').uncheck();
  await expect(page.getByLabel('uid', { exact: true })).toHaveValue(String(ku.uid));
});

test('the shared-volume finding shows the sandbox\'s own kasm-user uid (STAND-IN sysbox-runc)', async ({ page, request }) => {
  const ku = await kasmUserOf(request);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/containers/${F.sharedSysbox}`);
  // The detail (and its findings) arrives with the inventory, which can take a while on a loaded machine.
  await expect(page.getByRole('heading', { level: 1, name: F.sharedSysbox })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('findings')).toBeVisible({ timeout: 60_000 });
  const finding = page.locator('[data-finding="mount.shared-across-runtimes"]');
  await expect(finding).toContainText(`Sysbox writes kasm-user's files as host uid ${ku.uid} and runc as 1000`);
  if (ku.uid !== 297608) await expect(finding).not.toContainText('297608');
  await shot(page, 'container-detail-shared');
});

test('the Overview shows kasm-user\'s host ids with their explanation (STAND-IN sysbox-runc)', async ({ page, request }) => {
  const ku = await kasmUserOf(request);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  const line = page.getByTestId('overview-kasm-user');
  await expect(line).toContainText(`kasm-user on this host: ${ku.uid}/${ku.gid}`, { timeout: 30_000 });
  await expect(line).toContainText(ku.explanation);
  await shot(page, 'overview-kasm-user');
});
