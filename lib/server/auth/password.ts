/**
 * The admin password: DASHBOARD_PASSWORD, DASHBOARD_PASSWORD_FILE, or one
 * generated on first start. A generated password is printed once and only its
 * salted scrypt hash (node:crypto) is stored, in DASHBOARD_DATA_DIR. No
 * server-only import: scripts/check-env.ts uses it before Next.js starts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Env } from '../env';
import { PASSWORD_HASH_FILE, createFileOnce, readDataFile } from './data-dir';

// OWASP's scrypt baseline: N=2^17, r=8, p=1 (128 MiB); 2^15 keeps a login under ~100 ms.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 1024 * 1024 } as const;
const KEY_LEN = 32;

function scrypt(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFKC'), salt, KEY_LEN, { ...params, maxmem: SCRYPT.maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), a self-describing salted hash. */
export async function hashPassword(password: string, salt: Buffer = crypto.randomBytes(16)): Promise<string> {
  const key = await scrypt(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.trim().split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new Error('unrecognised password hash format');
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error('unrecognised password hash parameters');
  }
  const expected = Buffer.from(keyB64, 'base64url');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64url'), params);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/** 20 random characters from an alphabet without look-alikes (about 115 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  while (out.length < 20) {
    const b = crypto.randomBytes(1)[0] ?? 255;
    if (b < alphabet.length * 4) out += alphabet[b % alphabet.length];
  }
  return out;
}

export type PasswordSource = 'DASHBOARD_PASSWORD' | 'DASHBOARD_PASSWORD_FILE' | 'generated';

type AuthEnv = Pick<Env, 'DASHBOARD_PASSWORD' | 'DASHBOARD_PASSWORD_FILE' | 'DASHBOARD_DATA_DIR'>;

export function passwordSource(env: AuthEnv): PasswordSource {
  if (env.DASHBOARD_PASSWORD !== undefined) return 'DASHBOARD_PASSWORD';
  if (env.DASHBOARD_PASSWORD_FILE !== undefined) return 'DASHBOARD_PASSWORD_FILE';
  return 'generated';
}

/** Whether the admin set a password explicitly (required to bind beyond loopback). */
export function passwordConfigured(env: AuthEnv): boolean {
  return passwordSource(env) !== 'generated';
}

export function readPasswordFile(file: string): string {
  const text = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (text.length < 8) throw new Error(`DASHBOARD_PASSWORD_FILE ${file}: the password must be at least 8 characters`);
  if (text.length > 1024) throw new Error(`DASHBOARD_PASSWORD_FILE ${file}: the password is longer than 1024 characters`);
  return text;
}

/**
 * When no password is configured and none was generated yet: generate one,
 * store only its hash, and return it (the caller prints it once). Otherwise null.
 */
export async function ensureGeneratedPassword(env: AuthEnv): Promise<string | null> {
  if (passwordConfigured(env)) return null;
  if (readDataFile(env.DASHBOARD_DATA_DIR, PASSWORD_HASH_FILE) !== null) return null;
  const password = generatePassword();
  const created = createFileOnce(env.DASHBOARD_DATA_DIR, PASSWORD_HASH_FILE, `${await hashPassword(password)}\n`);
  return created ? password : null;
}

export function generatedPasswordBanner(password: string, dataDir: string): string {
  return [
    '',
    '================================================================',
    ' kasm-sysbox-dashboard: no DASHBOARD_PASSWORD was set, so an admin',
    ' password was generated. It is shown ONCE; only its salted hash is',
    ` kept, in ${dataDir}/${PASSWORD_HASH_FILE}.`,
    '',
    `   admin password:  ${password}`,
    '',
    ' To choose your own, set DASHBOARD_PASSWORD or DASHBOARD_PASSWORD_FILE.',
    ` Lost it? Delete that file and restart to get a new one.`,
    '================================================================',
    '',
  ].join('\n');
}

/** The salt for an explicit password: derived from the data dir's key file, so the hash is the same at every start. */
export function explicitPasswordSalt(fileKey: Uint8Array): Buffer {
  return crypto.createHmac('sha256', fileKey).update('ksd-admin-password-salt').digest().subarray(0, 16);
}

/**
 * The hash of the configured password. An explicit password is hashed in
 * memory once (so comparisons are constant-time scrypt either way), with a
 * salt derived from `fileKey`: the same password gives the same hash at every
 * start, and the session signing key is derived from it (a new password ends
 * every session, a restart with the same one does not).
 */
export async function loadPasswordHash(env: AuthEnv, fileKey: Uint8Array): Promise<string> {
  switch (passwordSource(env)) {
    case 'DASHBOARD_PASSWORD':
      return hashPassword(env.DASHBOARD_PASSWORD ?? '', explicitPasswordSalt(fileKey));
    case 'DASHBOARD_PASSWORD_FILE':
      return hashPassword(readPasswordFile(env.DASHBOARD_PASSWORD_FILE ?? ''), explicitPasswordSalt(fileKey));
    case 'generated': {
      const generated = await ensureGeneratedPassword(env);
      if (generated !== null) console.log(generatedPasswordBanner(generated, env.DASHBOARD_DATA_DIR));
      const stored = readDataFile(env.DASHBOARD_DATA_DIR, PASSWORD_HASH_FILE);
      if (stored === null) throw new Error('the generated password hash disappeared');
      return stored.trim();
    }
  }
}
