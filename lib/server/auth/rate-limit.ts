/**
 * Failed-login limiter: at most `perClient` failures per client address per
 * window, and `global` failures in all (so forging X-Forwarded-For to look
 * like many clients only reaches the global ceiling). In memory: a restart
 * clears it, which is fine for a single-admin dashboard.
 */
export interface RateLimitOptions {
  windowMs: number;
  perClient: number;
  global: number;
}

export const LOGIN_LIMITS: RateLimitOptions = { windowMs: 15 * 60_000, perClient: 10, global: 200 };

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private all: number[] = [];

  constructor(private readonly opts: RateLimitOptions) {}

  private prune(list: number[], now: number): number[] {
    const since = now - this.opts.windowMs;
    return list.filter((t) => t > since);
  }

  /** Seconds until `client` may try again, or 0 when it may try now. */
  retryAfter(client: string, now = Date.now()): number {
    this.all = this.prune(this.all, now);
    const mine = this.prune(this.failures.get(client) ?? [], now);
    if (mine.length === 0) this.failures.delete(client);
    else this.failures.set(client, mine);
    const blockedUntil = (list: number[], limit: number) =>
      list.length >= limit ? (list[list.length - limit] ?? now) + this.opts.windowMs : 0;
    const until = Math.max(blockedUntil(mine, this.opts.perClient), blockedUntil(this.all, this.opts.global));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  fail(client: string, now = Date.now()): void {
    const mine = this.failures.get(client) ?? [];
    mine.push(now);
    this.failures.set(client, mine);
    this.all.push(now);
    // Bound memory against address spraying.
    if (this.failures.size > 10_000) {
      for (const k of this.failures.keys()) {
        this.failures.delete(k);
        if (this.failures.size <= 5_000) break;
      }
    }
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}
