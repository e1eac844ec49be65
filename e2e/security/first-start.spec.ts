import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm start` on a fresh machine with nothing set: a third server (port of the
 * e2e server + 2) with an empty DASHBOARD_DATA_DIR and no password. The
 * password it prints once signs in; only its salted hash is on disk.
 */
test('first start without a password: the printed password signs in, only its hash is stored', async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  const port = Number(new URL(baseURL ?? 'http://127.0.0.1:3100').port) + 2;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-first-start-'));
  const dataDir = path.join(tmp, 'data');
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    PATH: process.env.PATH ?? '',
    HOME: tmp,
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    DOCKER_HOST: 'unix:///tmp/ksd-no-docker-here.sock',
    DASHBOARD_DATA_DIR: dataDir,
  };
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const req = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${port}` });
  try {
    await expect
      .poll(async () => (await req.get('/api/health', { failOnStatusCode: false }).catch(() => null))?.status() ?? 0, { timeout: 60_000 })
      .toBe(200);
    const printed = output.match(/admin password:\s+(\S+)/g) ?? [];
    expect(printed).toHaveLength(1);
    const password = /admin password:\s+(\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(password.length).toBe(20);

    expect((await req.post('/api/auth/login', { data: { password: 'not-it-at-all' } })).status()).toBe(401);
    expect((await req.post('/api/auth/login', { data: { password } })).status()).toBe(200);
    expect((await req.get('/api/v1/hosts')).status()).toBe(200);

    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dataDir)) {
      expect(fs.statSync(path.join(dataDir, f)).mode & 0o777, f).toBe(0o600);
      expect(fs.readFileSync(path.join(dataDir, f), 'utf8'), f).not.toContain(password);
    }
    expect(fs.readFileSync(path.join(dataDir, 'admin-password.scrypt'), 'utf8')).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+\n$/);
  } finally {
    await req.dispose();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
