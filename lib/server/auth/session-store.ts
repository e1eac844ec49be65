/**
 * What ends sessions, persisted in DASHBOARD_DATA_DIR/sessions.json (0600) so
 * that it survives a restart and is shared by every process using the folder:
 * - `revoked`: session ids signed out, each with its expiry (epoch seconds);
 *   expired ones are pruned on every write;
 * - `generation`: raised by "Sign out everywhere". It is part of the signing
 *   key (sessionSigningKey below), so every cookie signed before is invalid.
 * The signing key also depends on the admin password's hash, so starting with
 * another password ends every session too. No server-only import (unit-tested).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ensureDataDir } from './data-dir';

export const SESSIONS_FILE = 'sessions.json';

const stateSchema = z.object({
  generation: z.number().int().min(0),
  revoked: z.record(z.string().max(128), z.number()),
});
export type SessionState = z.infer<typeof stateSchema>;

const EMPTY: SessionState = { generation: 0, revoked: {} };
/** At most this many revocations are kept (the soonest-expiring go first); far beyond any real use. */
const MAX_REVOKED = 10_000;

/**
 * HMAC-SHA256(file key, password hash + generation): the key that signs and
 * verifies session cookies. A new password hash or generation gives a new key.
 */
export function sessionSigningKey(fileKey: Uint8Array, passwordHash: string, generation: number): Uint8Array {
  return new Uint8Array(crypto.createHmac('sha256', fileKey).update(`ksd-session-v2\0${passwordHash.trim()}\0${generation}`).digest());
}

export class SessionStore {
  private cached: { stamp: string; state: SessionState } | null = null;
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = path.join(dir, SESSIONS_FILE);
  }

  /** The current state; re-read when the file changed (another process may have written it). */
  read(): SessionState {
    let stamp: string;
    try {
      const st = fs.statSync(this.file);
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      throw err;
    }
    if (this.cached?.stamp === stamp) return this.cached.state;
    const text = fs.readFileSync(this.file, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    const r = stateSchema.safeParse(parsed);
    if (!r.success) throw new Error(`${this.file} is damaged; delete it (every session then has to sign in again)`);
    this.cached = { stamp, state: r.data };
    return r.data;
  }

  isRevoked(id: string): boolean {
    return Object.hasOwn(this.read().revoked, id);
  }

  revoke(id: string, expiresAt: number, now = Date.now()): void {
    const state = this.read();
    const nowS = Math.floor(now / 1000);
    const kept = Object.entries(state.revoked).filter(([, exp]) => exp >= nowS);
    kept.push([id, expiresAt]);
    kept.sort((a, b) => b[1] - a[1]);
    this.write({ generation: state.generation, revoked: Object.fromEntries(kept.slice(0, MAX_REVOKED)) });
  }

  /** Ends every session: a new generation (so a new signing key); old revocations are moot. */
  revokeAll(): number {
    const generation = this.read().generation + 1;
    this.write({ generation, revoked: {} });
    return generation;
  }

  private write(state: SessionState): void {
    ensureDataDir(this.dir);
    const tmp = path.join(this.dir, `.${SESSIONS_FILE}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
    fs.writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, this.file);
    this.cached = null;
  }
}
