import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { expect, test } from '@playwright/test';
import { E2E_API_TOKEN, E2E_PASSWORD } from '../support/credentials';

/**
 * Issue #18, "the Overview shows Ready since", on a host that can honestly be
 * ready: a STAND-IN Sysbox installation (scripts/standin-sysbox.mjs), NOT
 * Sysbox. In private mount and pid namespaces (its own /proc, so a real Sysbox
 * on the machine is not seen) it lays /usr/bin/sysbox-runc (a script
 * that execs runc), /usr/bin/sysbox-mgr and /usr/bin/sysbox-fs (copies of
 * `sleep`) over /usr/bin, runs a dockerd of its own that registers
 * sysbox-runc at /usr/bin/sysbox-runc, and a dashboard server of its own
 * (port KSD_E2E_PORT + 20) whose HOST_ROOT is a fixture with the installer's
 * daemon.json, a sysbox-ce dpkg entry, this machine's /etc/subuid and
 * /etc/subgid and a stand-in Ubuntu 22.04 os-release (the machine's Debian 12 is
 * not on Sysbox's package list: see OS_RELEASE in the script). The machine's
 * /usr/bin is never written. Its server reaches its dockerd through a recording
 * proxy that writes to the e2e Docker audit log (KSD_E2E_DOCKER_LOG), so the
 * read-only audit covers it like the other servers.
 *
 * The stand-in services start only after the server's first check, so the
 * timeline records a real change: Not ready (sysbox.services fails) → Ready.
 */
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100) + 20;
// The e2e servers' data dir (playwright.config.ts): the session key the signed-in state was made with.
const DATA_DIR = `/tmp/ksd-e2e-data-${Number(process.env.KSD_E2E_PORT ?? 3100)}`;
const SANDBOX_ROOT = process.env.KSD_SANDBOX_ROOT ?? '/tmp/ksd-sandbox';
const STANDIN_DIR = `${SANDBOX_ROOT}/standin-sysbox`;
const shotDir = process.env.KSD_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';

interface Ready {
  event: 'ready';
  url: string;
  hostRoot: string;
  pids: Record<string, number>;
}
interface StatusBody {
  verdict: string;
  checks: { id: string; status: string; evidence: string[] }[];
  facts: { docker: { runtimes: Record<string, { path: string | null }>; kernelVersion: string | null } | null; subid: { uid: { start: number } | null } };
}

let child: ChildProcessWithoutNullStreams | null = null;
const events: Record<string, unknown>[] = [];
let stderr = '';

function nextEvent(name: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const found = () => events.find((e) => e.event === name);
    const t = setInterval(() => {
      const e = found();
      if (e) {
        clearInterval(t);
        resolve(e);
      } else if (child && child.exitCode !== null) {
        clearInterval(t);
        reject(new Error(`scripts/standin-sysbox.mjs exited (${child.exitCode}) before "${name}":\n${stderr}`));
      }
    }, 100);
    setTimeout(() => {
      clearInterval(t);
      reject(new Error(`no "${name}" from scripts/standin-sysbox.mjs in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs).unref();
  });
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  const c = spawn(process.execPath, ['scripts/standin-sysbox.mjs', '--dir', STANDIN_DIR, '--port', String(PORT), ...(process.env.KSD_E2E_DOCKER_LOG ? ['--audit-log', process.env.KSD_E2E_DOCKER_LOG] : [])], {
    env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DASHBOARD_PASSWORD: E2E_PASSWORD, DASHBOARD_API_TOKEN: E2E_API_TOKEN, DASHBOARD_DATA_DIR: DATA_DIR },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child = c;
  readline.createInterface({ input: c.stdout }).on('line', (l) => {
    try {
      events.push(JSON.parse(l) as Record<string, unknown>);
    } catch {
      stderr += `${l}\n`;
    }
  });
  c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await nextEvent('ready');
});

test.afterAll(async () => {
  const c = child;
  if (!c || c.exitCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  // End of stdin: the script stops what it started (server, services, dockerd) by pid and removes its folder.
  c.stdin.end();
  await exited;
  expect(fs.existsSync(STANDIN_DIR)).toBe(false);
});

test('with a stand-in Sysbox installation (not Sysbox) the host turns ready and the Overview shows "Ready since" and "Not ready → Ready"', async ({ page, request }) => {
  const ready = events.find((e) => e.event === 'ready') as unknown as Ready;
  const base = ready.url;
  const status = async () => (await (await request.get(`${base}/api/v1/hosts/local/status`)).json()) as StatusBody;

  // Before the services start: every Sysbox check but one passes; sysbox.services fails, so the verdict is not-ready.
  const before = await status();
  expect(before.verdict).toBe('not-ready');
  expect(before.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}`)).toEqual(['sysbox.services:fail']);
  // Docker registers the runtime at the path the package installs, in this namespace's /usr/bin.
  expect(before.facts.docker?.runtimes['sysbox-runc']?.path).toBe('/usr/bin/sysbox-runc');
  // The numbers are this machine's: its kernel, its sysbox subuid start (never the guide's 296608).
  const subuid = /^sysbox:(\d+):/m.exec(fs.readFileSync('/etc/subuid', 'utf8'));
  expect(before.facts.subid.uid?.start).toBe(Number(subuid?.[1]));
  expect(before.facts.docker?.kernelVersion).toBe(fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim());
  // The first check is on the timeline.
  await expect
    .poll(async () => ((await (await request.get(`${base}/api/v1/hosts/local/history?kind=verdict`)).json()) as { items: { verdict: string }[] }).items.map((i) => i.verdict), {
      timeout: 30_000,
    })
    .toEqual(['not-ready']);

  // The stand-in services start FROM /usr/bin/sysbox-mgr and /usr/bin/sysbox-fs: /proc/<pid>/exe is the installed path.
  child?.stdin.write('services\n');
  const services = (await nextEvent('services')) as { pids: Record<string, number> };
  const mgr = services.pids['sysbox-mgr'];
  // The server re-checks every 5 s (DASHBOARD_HISTORY_CHECK_SECONDS) and records the change without anyone looking.
  await expect
    .poll(async () => ((await (await request.get(`${base}/api/v1/hosts/local/history?kind=verdict`)).json()) as { items: { verdict: string }[] }).items.map((i) => i.verdict), {
      timeout: 60_000,
    })
    .toEqual(['ready', 'not-ready']);
  const after = await status();
  expect(after.verdict).toBe('ready');
  expect(after.checks.every((c) => c.status === 'pass')).toBe(true);
  const evidence = after.checks.find((c) => c.id === 'sysbox.services')?.evidence ?? [];
  expect(evidence.filter((l) => l.startsWith(`sysbox-mgr: pid ${mgr} runs /usr/bin/sysbox-mgr, started `))).toHaveLength(1);
  const readyAt = (
    (await (await request.get(`${base}/api/v1/hosts/local/history?kind=verdict`)).json()) as { items: { at: string; verdict: string }[] }
  ).items.find((i) => i.verdict === 'ready')?.at;

  await page.goto(`${base}/`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ready');
  const since = page.getByTestId('verdict-since');
  await expect(since).toContainText(/^Ready since /);
  // Since the recorded change to ready, not since the page was opened.
  await expect(since.locator('time')).toHaveAttribute('datetime', readyAt ?? 'no ready record');
  const timeline = page.getByTestId('timeline');
  const newest = timeline.getByTestId('timeline-entry').first();
  // Each verdict and status is a badge (icon + word): ✖ Not ready → ✔ Ready, and the check that changed.
  await expect(newest).toContainText(/✖\s*Not ready → ✔\s*Ready/);
  await expect(newest).toContainText(/Sysbox services are running: ✖\s*fail → ✔\s*pass$/);
  await expect(timeline.getByTestId('timeline-entry').nth(1)).toContainText(/First check: ✖\s*Not ready/);
  await timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shotDir}/overview-ready-since-standin-sysbox.png`, fullPage: true });
});
