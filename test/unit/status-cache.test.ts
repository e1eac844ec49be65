import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostConfig } from '@/lib/server/hosts';
import { readySnapshot } from './support/snapshots';

const probeHost = vi.fn(async () => {
  await new Promise((r) => setTimeout(r, 20));
  return readySnapshot();
});
vi.mock('@/lib/server/probe/host-probe', () => ({ probeHost }));

const { getHostStatus, clearHostStatusCache, STATUS_REUSE_MS } = await import('@/lib/server/probe/status');

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
    expect(probeHost).toHaveBeenCalledTimes(2);
  });

  it('a failed probe is not cached', async () => {
    probeHost.mockRejectedValueOnce(new Error('boom'));
    await expect(getHostStatus(host)).rejects.toThrow('boom');
    await getHostStatus(host);
    expect(probeHost).toHaveBeenCalledTimes(2);
  });
});
