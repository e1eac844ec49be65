import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostConfig } from '@/lib/server/hosts';
import { readySnapshot } from './support/snapshots';

const probeHost = vi.fn(async () => {
  await new Promise((r) => setTimeout(r, 20));
  return readySnapshot();
});
vi.mock('@/lib/server/probe/host-probe', () => ({ probeHost }));
// The event-triggered refresh is exercised against a real dockerd (test/integration/status.test.ts).
vi.mock('@/lib/server/containers/inventory', () => ({ subscribeInventory: () => () => undefined, inventoryVersion: () => 7 }));

const { getHostStatus, clearHostStatusCache, STATUS_REUSE_MS, STATUS_MAX_STALE_MS } = await import('@/lib/server/probe/status');

const host: HostConfig = { id: 'local', name: 'h', kind: 'docker', docker: { url: 'unix:///x.sock', tlsVerify: false }, files: null };

describe('getHostStatus coalescing', () => {
  beforeEach(() => {
    clearHostStatusCache();
    probeHost.mockClear();
  });

  it('concurrent requests share one probe in flight', async () => {
    const all = await Promise.all([getHostStatus(host), getHostStatus(host), getHostStatus(host)]);
    expect(probeHost).toHaveBeenCalledTimes(1);
    expect(all[1]).toBe(all[0]);
  });

  it('reuses a finished result for up to 2 s, then probes again', async () => {
    let t = 1_000_000;
    const now = () => t;
    await getHostStatus(host, now);
    t += STATUS_REUSE_MS - 1;
    await getHostStatus(host, now);
    expect(probeHost).toHaveBeenCalledTimes(1);
    t += 2;
    await getHostStatus(host, now);
    // The refresh starts on the next turn, after this request is answered.
    await vi.waitFor(() => expect(probeHost).toHaveBeenCalledTimes(2));
  });

  it('serves a result older than the reuse window at once and refreshes it in the background (stale-while-revalidate)', async () => {
    let t = 1_000_000;
    const now = () => t;
    const first = await getHostStatus(host, now);
    t += STATUS_REUSE_MS + 1;
    let release: () => void = () => undefined;
    probeHost.mockImplementationOnce(async () => {
      await new Promise<void>((r) => (release = r));
      return { ...readySnapshot(), takenAt: '2030-01-01T00:00:00.000Z' };
    });
    // Answered with the stale result before the probe even starts (next turn), and while it runs.
    expect(await getHostStatus(host, now)).toBe(first);
    await vi.waitFor(() => expect(probeHost).toHaveBeenCalledTimes(2));
    // A second request meanwhile shares the refresh in flight.
    expect(await getHostStatus(host, now)).toBe(first);
    expect(probeHost).toHaveBeenCalledTimes(2);
    release();
    await vi.waitFor(async () => expect((await getHostStatus(host, now)).checkedAt).toBe('2030-01-01T00:00:00.000Z'));
    expect(probeHost).toHaveBeenCalledTimes(2);
  });

  it('a request that finds the result stale is answered before the refresh starts', async () => {
    let t = 1_000_000;
    const now = () => t;
    const first = await getHostStatus(host, now);
    t += STATUS_REUSE_MS + 1;
    const answered = getHostStatus(host, now);
    // Synchronously nothing started: the probe waits for the next turn of the event loop.
    expect(probeHost).toHaveBeenCalledTimes(1);
    expect(await answered).toBe(first);
    await vi.waitFor(() => expect(probeHost).toHaveBeenCalledTimes(2));
  });

  it('an unchanged host is not evaluated again: same checks, fresh checkedAt; a changed one is', async () => {
    let t = 1_000_000;
    const now = () => t;
    const first = await getHostStatus(host, now);
    t += STATUS_MAX_STALE_MS + 1;
    probeHost.mockImplementationOnce(async () => ({ ...readySnapshot(), takenAt: '2032-01-01T00:00:00.000Z' }));
    const same = await getHostStatus(host, now);
    expect(same.checkedAt).toBe('2032-01-01T00:00:00.000Z');
    expect(same.checks).toBe(first.checks);
    t += STATUS_MAX_STALE_MS + 1;
    const changed = readySnapshot();
    probeHost.mockImplementationOnce(async () => ({ ...changed, takenAt: '2033-01-01T00:00:00.000Z', docker: { ok: false, reason: 'gone' } }));
    const other = await getHostStatus(host, now);
    expect(other.checkedAt).toBe('2033-01-01T00:00:00.000Z');
    expect(other.checks).not.toBe(first.checks);
    expect(other.verdict).toBe('not-ready');
  });

  it('waits for a probe when the last result is older than the stale limit', async () => {
    let t = 1_000_000;
    const now = () => t;
    await getHostStatus(host, now);
    t += STATUS_MAX_STALE_MS + 1;
    probeHost.mockImplementationOnce(async () => ({ ...readySnapshot(), takenAt: '2031-01-01T00:00:00.000Z' }));
    expect((await getHostStatus(host, now)).checkedAt).toBe('2031-01-01T00:00:00.000Z');
  });

  it('a failed probe is not cached', async () => {
    probeHost.mockRejectedValueOnce(new Error('boom'));
    await expect(getHostStatus(host)).rejects.toThrow('boom');
    await getHostStatus(host);
    expect(probeHost).toHaveBeenCalledTimes(2);
  });
});
