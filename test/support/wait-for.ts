/**
 * Polls `fn` until it returns something other than null, for at most
 * `timeoutMs`: a server's first 200, a metric in Prometheus, a health status.
 * An error thrown by `fn` counts as "not yet" and is named if time runs out;
 * `details()` adds what helps then (a server log's tail, the container's logs).
 * Shared by the image and prometheus suites, which start servers and wait for
 * them the same way. Not a timed assertion: the bound only ends a hung wait.
 */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null> | T | null,
  timeoutMs: number,
  { intervalMs = 250, details }: { intervalMs?: number; details?: () => string } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== null) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${String(last)})` : ''}\n${details ? details() : ''}`);
}
