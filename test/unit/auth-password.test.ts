import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '@/lib/server/env';
import {
  ensureGeneratedPassword,
  generatePassword,
  hashPassword,
  loadPasswordHash,
  passwordConfigured,
  verifyPassword,
} from '@/lib/server/auth/password';
import { PASSWORD_HASH_FILE, loadSessionKey } from '@/lib/server/auth/data-dir';

// Real scrypt parameters (32 MiB, ~100 ms each): generous under a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });

const dirs: string[] = [];
function tmpDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-auth-'));
  dirs.push(d);
  return path.join(d, 'data');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const FILE_KEY = new Uint8Array(crypto.randomBytes(32));

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects others; salts differ', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuses an unknown hash format instead of accepting anything', async () => {
    await expect(verifyPassword('x', 'plain$text')).rejects.toThrow(/format/);
  });

  it('generates 20-character passwords without look-alikes', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    expect(generatePassword()).not.toBe(p);
  });
});

describe('generated admin password', () => {
  it('is created once, works, and only its salted hash is on disk (0700 dir, 0600 file)', async () => {
    const env = parseEnv({ DASHBOARD_DATA_DIR: tmpDataDir() });
    expect(passwordConfigured(env)).toBe(false);
    const password = await ensureGeneratedPassword(env);
    expect(password).toMatch(/^\w{20}$/);
    if (password === null) throw new Error('no password generated');
    expect(await ensureGeneratedPassword(env)).toBeNull(); // printed once, never again

    const dir = env.DASHBOARD_DATA_DIR;
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const file = path.join(dir, PASSWORD_HASH_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    for (const name of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).not.toContain(password);
    }
    const stored = fs.readFileSync(file, 'utf8');
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(password, await loadPasswordHash(env, FILE_KEY))).toBe(true);
  });

  it('is not generated when DASHBOARD_PASSWORD or DASHBOARD_PASSWORD_FILE is set', async () => {
    const dataDir = tmpDataDir();
    const env = parseEnv({ DASHBOARD_DATA_DIR: dataDir, DASHBOARD_PASSWORD: 'set-by-admin' });
    expect(passwordConfigured(env)).toBe(true);
    expect(await ensureGeneratedPassword(env)).toBeNull();
    expect(fs.existsSync(path.join(dataDir, PASSWORD_HASH_FILE))).toBe(false);
    expect(await verifyPassword('set-by-admin', await loadPasswordHash(env, FILE_KEY))).toBe(true);
    // The same password gives the same hash at every start (sessions survive a restart), another key or password does not.
    expect(await loadPasswordHash(env, FILE_KEY)).toBe(await loadPasswordHash(env, FILE_KEY));
    expect(await loadPasswordHash(env, new Uint8Array(32))).not.toBe(await loadPasswordHash(env, FILE_KEY));
    const other = parseEnv({ DASHBOARD_DATA_DIR: dataDir, DASHBOARD_PASSWORD: 'set-by-admin-2' });
    expect(await loadPasswordHash(other, FILE_KEY)).not.toBe(await loadPasswordHash(env, FILE_KEY));

    const pwFile = path.join(path.dirname(dataDir), 'pw');
    fs.writeFileSync(pwFile, 'from-a-file-123\n');
    const env2 = parseEnv({ DASHBOARD_DATA_DIR: dataDir, DASHBOARD_PASSWORD_FILE: pwFile });
    expect(await verifyPassword('from-a-file-123', await loadPasswordHash(env2, FILE_KEY))).toBe(true);
  });

  it('makes one 256-bit session key and reuses it', () => {
    const dir = tmpDataDir();
    const k1 = loadSessionKey(dir);
    expect(k1.length).toBe(32);
    expect(loadSessionKey(dir)).toEqual(k1);
  });
});

describe('env: security variables', () => {
  it('never echoes a secret in an error message', () => {
    expect(() => parseEnv({ DASHBOARD_PASSWORD: 'short' })).toThrow(/DASHBOARD_PASSWORD: must be at least 8/);
    try {
      parseEnv({ DASHBOARD_API_TOKEN: 'tooshort-secret' });
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toMatch(/DASHBOARD_API_TOKEN/);
      expect(String(e)).not.toContain('tooshort-secret');
    }
  });

  it('defaults the data dir under the home folder and the session TTL to 12 h', () => {
    const env = parseEnv({});
    expect(env.DASHBOARD_DATA_DIR).toBe(path.join(os.homedir(), '.local/state/kasm-sysbox-dashboard'));
    expect(env.DASHBOARD_SESSION_TTL_HOURS).toBe(12);
  });
});
