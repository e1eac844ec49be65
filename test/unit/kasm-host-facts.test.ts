import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchHostFacts } from '@/lib/client/generate';

function respond(routes: Record<string, { status: number; body: unknown }>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const r = routes[url.split('?')[0] ?? url] ?? { status: 404, body: { error: { code: 'not_found', message: 'nope' } } };
      return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
    }),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchHostFacts (generators read live host values leniently)', () => {
  it('falls back to typed-in values when the status API does not exist yet (404)', async () => {
    respond({ '/api/v1/hosts/local': { status: 200, body: { name: 'agent-1' } } });
    const f = await fetchHostFacts('local');
    expect(f).toMatchObject({ hostName: 'agent-1', subuidStart: null, subgidStart: null, idShift: 'unknown', daemonJson: null, kasmUser: null });
    expect(f.notes.length).toBe(1);
  });

  it('reads subid ranges, the kernel mechanism and daemon.json from the status API (extra fields ignored)', async () => {
    respond({
      '/api/v1/hosts/local/status': {
        status: 200,
        body: {
          verdict: 'ready',
          facts: {
            subid: { uid: { start: 296608, count: 65536 }, gid: { start: 296608, count: 65536 } },
            kernel: { version: '6.8.0', idMappedMounts: true, overlayfsOnIdMapped: true, tmpfsIdMapped: true, shiftfs: false, mechanism: 'idmapped-mounts' },
            daemonJson: { path: '/etc/docker/daemon.json', raw: '{"log-level":"warn"}' },
            other: 1,
          },
        },
      },
      '/api/v1/hosts/local/containers': { status: 200, body: { items: [], total: 0 } },
      '/api/v1/hosts/local': { status: 200, body: { name: 'agent-1' } },
    });
    const f = await fetchHostFacts('local');
    expect(f).toMatchObject({ subuidStart: 296608, subgidStart: 296608, subidSource: 'subuid', idShift: 'yes', mechanism: 'idmapped-mounts' });
    expect(f.daemonJson).toEqual({ path: '/etc/docker/daemon.json', raw: '{"log-level":"warn"}' });
  });

  it("takes kasm-user's ids from facts.kasmUser as the server computed them (no arithmetic in the browser)", async () => {
    const kasmUser = { uid: 232072, gid: 232072, rangeStart: { uid: 231072, gid: 231072 }, source: 'live-map', explanation: 'from the live map' };
    respond({
      '/api/v1/hosts/local/status': {
        status: 200,
        body: { facts: { docker: { version: '20.10.24' }, subid: { uid: { start: 100000 }, gid: { start: 100000 } }, kernel: { mechanism: 'none', idMappedMounts: false }, kasmUser } },
      },
      '/api/v1/hosts/local': { status: 200, body: { name: 'agent-1' } },
    });
    const f = await fetchHostFacts('local');
    expect(f).toMatchObject({ subuidStart: 100000, subidSource: 'subuid', kasmUser, idShift: 'no', idMappedMounts: false });
  });

  it('a failing API is a note with the reason, never a crash', async () => {
    respond({
      '/api/v1/hosts/local/status': { status: 503, body: { error: { code: 'docker_unreachable', message: 'Docker is unreachable' } } },
      '/api/v1/hosts/local/containers': { status: 200, body: { items: 'garbage' } },
      '/api/v1/hosts/local': { status: 200, body: { name: 'agent-1' } },
    });
    const f = await fetchHostFacts('local');
    expect(f.subuidStart).toBeNull();
    expect(f.notes.join(' ')).toMatch(/Docker is unreachable/);
  });

  it('a status without facts.kasmUser (an older remote dashboard) is a note', async () => {
    respond({
      '/api/v1/hosts/local/status': { status: 200, body: { facts: { docker: { version: '20.10.24' }, subid: { uid: { start: 231072 } } } } },
      '/api/v1/hosts/local': { status: 200, body: { name: 'agent-1' } },
    });
    const f = await fetchHostFacts('local');
    expect(f.subuidStart).toBe(231072);
    expect(f.kasmUser).toBeNull();
    expect(f.notes.join(' ')).toMatch(/no facts.kasmUser/);
  });
});
