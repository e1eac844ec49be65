import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyPassword } from '@/lib/server/auth/password';
import { dockerGet } from '@/lib/server/docker';
import { AppError } from '@/lib/server/errors';
import { docker, KASM_IMAGE, sandboxHost } from '../support/docker-fixtures';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-auth-start-'));
const created: string[] = [];
const sandbox = inject('sandbox');

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (created.length) docker(sandbox, ['rm', '-f', ...created]);
});

/** Runs scripts/check-env.ts (what `npm start` runs before `next start`) with only `env` set. */
function checkEnv(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/check-env.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: tmp, NODE_ENV: 'production', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('start-up checks (scripts/check-env.ts)', () => {
  it('first start with nothing set: prints a generated password once; only its salted hash is on disk', async () => {
    const dataDir = path.join(tmp, 'fresh');
    const first = checkEnv({ DASHBOARD_DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ PORT: 3000, HOSTNAME: '127.0.0.1' });
    const password = /admin password:\s+(\S+)/.exec(first.stderr)?.[1] ?? '';
    expect(password).toMatch(/^\w{20}$/);

    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = fs.readdirSync(dataDir);
    expect(files).toEqual(['admin-password.scrypt']);
    const stored = fs.readFileSync(path.join(dataDir, files[0] ?? ''), 'utf8');
    expect(stored).not.toContain(password);
    expect(stored).toMatch(/^scrypt\$/);
    expect(await verifyPassword(password, stored)).toBe(true);

    const second = checkEnv({ DASHBOARD_DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toMatch(/admin password:/);
    expect(fs.readFileSync(path.join(dataDir, 'admin-password.scrypt'), 'utf8')).toBe(stored);
  });

  it('the default data folder is ~/.local/state/kasm-sysbox-dashboard', () => {
    expect(checkEnv({}).code).toBe(0);
    expect(fs.existsSync(path.join(tmp, '.local/state/kasm-sysbox-dashboard/admin-password.scrypt'))).toBe(true);
  });

  it('refuses a non-loopback bind address without a password, saying how to set one', () => {
    for (const hostname of ['0.0.0.0', '::', '10.1.2.3']) {
      const r = checkEnv({ HOSTNAME: hostname, DASHBOARD_DATA_DIR: path.join(tmp, 'bind') });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('DASHBOARD_PASSWORD');
      expect(r.stderr).toContain('DASHBOARD_PASSWORD_FILE');
      expect(r.stdout).toBe('');
    }
    const ok = checkEnv({ HOSTNAME: '0.0.0.0', DASHBOARD_PASSWORD: 'a-real-password', DASHBOARD_DATA_DIR: path.join(tmp, 'bind') });
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toMatch(/admin password:/);
  });

  it('refuses a missing or too short DASHBOARD_PASSWORD_FILE without echoing secrets', () => {
    const r = checkEnv({ DASHBOARD_PASSWORD_FILE: path.join(tmp, 'missing') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DASHBOARD_PASSWORD_FILE');
    const short = checkEnv({ DASHBOARD_PASSWORD: 'sekret' });
    expect(short.code).toBe(1);
    expect(short.stderr).not.toContain('sekret');
  });
});

describe('read-only Docker, against the real sandbox dockerd', () => {
  it('refuses exec, attach, archive, export and anything off the allow-list before any request is made', async () => {
    const name = `ksd-auth-${process.pid}`;
    docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', KASM_IMAGE]);
    created.push(name);
    const host = sandboxHost(sandbox);
    await expect(dockerGet(host, `/containers/${name}/json`)).resolves.toBeTruthy();
    for (const p of [`/containers/${name}/exec`, `/containers/${name}/attach`, `/containers/${name}/archive`, `/containers/${name}/export`, `/containers/${name}/logs`, '/images/json', `/containers/${name}/../json`]) {
      const err = await dockerGet(host, p).catch((e: unknown) => e);
      expect(err, p).toBeInstanceOf(AppError);
      expect((err as AppError).code, p).toBe('forbidden');
    }
  });
});
