/**
 * The sign-in limit (README "Security"):
 * - per client address: at most `perClient` attempts that failed or are still
 *   being checked in `windowMs`; more are answered 429. An attempt is counted
 *   when it starts, BEFORE the password is checked, so concurrent attempts
 *   cannot all be checked; a success releases the address's count.
 * - globally: beyond `slowAfter` failures in the window (from all addresses
 *   together), every attempt first waits `stepMs` per failure over that
 *   number, at most `maxDelayMs`. Nobody can lock the admin out this way: the
 *   right password still signs in, after at most `maxDelayMs`.
 * The address "unknown" (the socket's address is not known, see ./client.ts)
 * gets no per-address limit, only the global slow-down, so that one client
 * cannot lock out everyone who shares it.
 * In memory: a restart clears it, which is fine for a single-admin dashboard.
 */
export interface LoginLimits {
  windowMs: number;
  perClient: number;
  slowAfter: number;
  stepMs: number;
  maxDelayMs: number;
}

export const LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perClient: 10, slowAfter: 100, stepMs: 100, maxDelayMs: 10_000 };

export type Attempt =
  | { ok: false; retryAfterSeconds: number }
  | {
      ok: true;
      /** Wait this long before checking the password (the global slow-down). */
      delayMs: number;
      /** The password was wrong: the attempt stays counted as a failure. */
      failed(): void;
      /** The password was right: the address's count is cleared. */
      succeeded(): void;
      /** The check did not happen (an error): the attempt is not counted. */
      abandoned(): void;
    };

const MAX_CLIENTS = 10_000;

export class LoginLimiter {
  /** Per address: start times of attempts that failed or are in flight. */
  private readonly perClient = new Map<string, number[]>();
  /** Times of failures from all addresses. */
  private failures: number[] = [];

  constructor(private readonly limits: LoginLimits = LOGIN_LIMITS) {}

  private pruned(list: number[], now: number): number[] {
    const since = now - this.limits.windowMs;
    return list.filter((t) => t > since);
  }

  /** The global slow-down for the next attempt, in ms. */
  delayMs(now = Date.now()): number {
    this.failures = this.pruned(this.failures, now);
    const over = this.failures.length - this.limits.slowAfter;
    return over > 0 ? Math.min(this.limits.maxDelayMs, over * this.limits.stepMs) : 0;
  }

  /** Counts an attempt from `client` before its password is checked. */
  begin(client: string, now = Date.now()): Attempt {
    const delayMs = this.delayMs(now);
    const limited = client !== 'unknown';
    const list = this.pruned(this.perClient.get(client) ?? [], now);
    if (limited && list.length >= this.limits.perClient) {
      this.perClient.set(client, list);
      const oldest = list[list.length - this.limits.perClient] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.limits.windowMs - now) / 1000)) };
    }
    if (limited) {
      list.push(now);
      this.perClient.delete(client); // re-insert: Map order = least recently used first
      this.perClient.set(client, list);
      this.bound();
    }
    let settled = false;
    const settle = (fn: () => void) => () => {
      if (settled) return;
      settled = true;
      fn();
    };
    const drop = () => {
      const mine = this.perClient.get(client);
      const i = mine?.indexOf(now) ?? -1;
      if (mine && i >= 0) mine.splice(i, 1);
    };
    return {
      ok: true,
      delayMs,
      failed: settle(() => this.failures.push(now)),
      succeeded: settle(() => this.perClient.delete(client)),
      abandoned: settle(drop),
    };
  }

  /** Bounds memory against address spraying: the least recently seen addresses go first. */
  private bound(): void {
    if (this.perClient.size <= MAX_CLIENTS) return;
    for (const k of this.perClient.keys()) {
      this.perClient.delete(k);
      if (this.perClient.size <= MAX_CLIENTS / 2) break;
    }
  }
}
