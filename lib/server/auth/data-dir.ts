/**
 * DASHBOARD_DATA_DIR: the only place the dashboard writes. It holds the salted
 * hash of a generated admin password, the session signing key and (unless
 * DASHBOARD_HISTORY_DIR points elsewhere) the history store (lib/server/history).
 * Created 0700; files 0600. No server-only import: scripts/check-env.ts uses it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PASSWORD_HASH_FILE = 'admin-password.scrypt';
export const SESSION_KEY_FILE = 'session.key';

export function ensureDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.statSync(dir);
  if (!st.isDirectory()) throw new Error(`DASHBOARD_DATA_DIR ${dir} is not a folder`);
  if ((st.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

/**
 * Creates `file` with `content` (0600) unless it exists. Atomic: the content is
 * written to a temporary file that is then hard-linked into place, so two
 * processes starting together never read a half-written file. Returns true
 * when this call created it.
 */
export function createFileOnce(dir: string, name: string, content: string): boolean {
  ensureDataDir(dir);
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
  fs.writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, target);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export function readDataFile(dir: string, name: string): string | null {
  try {
    return fs.readFileSync(path.join(dir, name), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The HMAC key that signs session cookies: 32 random bytes, made on first use. */
export function loadSessionKey(dir: string): Uint8Array {
  let text = readDataFile(dir, SESSION_KEY_FILE);
  if (text === null) {
    createFileOnce(dir, SESSION_KEY_FILE, `${crypto.randomBytes(32).toString('base64url')}\n`);
    text = readDataFile(dir, SESSION_KEY_FILE);
  }
  const key = Buffer.from((text ?? '').trim(), 'base64url');
  if (key.length < 32) throw new Error(`${path.join(dir, SESSION_KEY_FILE)} is damaged; delete it to make a new one`);
  return new Uint8Array(key);
}
