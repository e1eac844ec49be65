import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm start` serves from the standalone build in ONE Node process: below the
 * `npm` launcher there is exactly one node process, it is the one listening on
 * the port, and it has no child process (no `next start`/`next-server` beside it).
 */
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100) + 6;

function parentOf(pid: string): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function descendants(pid: number): number[] {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const parents = new Map(all.map((d) => [Number(d), parentOf(d)]));
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    for (const [child, parent] of parents) {
      if (parent !== p) continue;
      tree.push(child);
      queue.push(child);
    }
  }
  return tree;
}

const exe = (pid: number) => {
  try {
    return path.basename(fs.readlinkSync(`/proc/${pid}/exe`));
  } catch {
    return '?';
  }
};

/** The pid holding the listening TCP socket on 127.0.0.1:port (from /proc/net/tcp and /proc/<pid>/fd). */
function listenerPid(port: number, candidates: number[]): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inode = fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1] === `0100007F:${hex}` && f[3] === '0A')?.[9];
  if (!inode) return null;
  for (const pid of candidates) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

test.describe('npm start: one server process', () => {
  let child: ChildProcess | null = null;
  let dataDir = '';

  test.afterEach(async () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => child?.once('exit', r));
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('npm → exactly one node process, listening, with no child; the favicon is served', async ({ request }) => {
    test.setTimeout(120_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-one-process-'));
    const log = path.join(dataDir, 'server.log');
    const out = fs.openSync(log, 'a');
    child = spawn('npm', ['start', '--', '--no-build'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, PORT: String(PORT), HOSTNAME: '127.0.0.1', DASHBOARD_DATA_DIR: dataDir, DASHBOARD_PASSWORD: 'one-process-password', DOCKER_HOST: 'unix:///tmp/ksd-no-docker-here.sock' },
    });
    fs.closeSync(out);
    const npmPid = child.pid ?? 0;
    await expect
      .poll(async () => (await request.get(`http://127.0.0.1:${PORT}/api/health`).catch(() => null))?.status() ?? 0, { timeout: 90_000, intervals: [500] })
      .toBe(200);

    const tree = descendants(npmPid);
    const nodes = tree.filter((p) => exe(p) === 'node');
    expect(nodes, `process tree under npm (${npmPid}): ${tree.map((p) => `${p}:${exe(p)}`).join(', ')}\n${fs.readFileSync(log, 'utf8')}`).toHaveLength(1);
    const server = nodes[0] ?? 0;
    expect(fs.readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0')).toContain('scripts/start.mjs');
    expect(listenerPid(PORT, [npmPid, ...tree])).toBe(server);
    expect(descendants(server)).toEqual([]);

    const fav = await request.get(`http://127.0.0.1:${PORT}/favicon.ico`);
    expect(fav.status()).toBe(200);
    expect(fav.headers()['content-type']).toMatch(/^image\//);
    expect((await fav.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });
});

test('the layout links the favicon from public/, and the standalone server renders the pages (screenshot)', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /^\/favicon\.ico/);
  await expect(page.getByRole('link', { name: 'kasm-sysbox-dashboard' })).toBeVisible();
  await expect(page.getByTestId('verdict')).toBeVisible();
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/standalone-overview.png' });
});
