import { describe, expect, it } from 'vitest';
import { hostFactsFrom } from '@/components/generate/host-facts';
import type { HostStatus } from '@/lib/sysbox/status';

const kasmUser = { uid: 232072, gid: 232072, rangeStart: { uid: 231072, gid: 231072 }, source: 'live-map' as const, explanation: 'from the live map' };

function status(facts: Partial<HostStatus['facts']>): HostStatus {
  return {
    host: { id: 'local', name: 'agent-1', endpoint: 'unix:///var/run/docker.sock' },
    checkedAt: '2026-11-29T18:00:00.000Z',
    verdict: 'ready',
    checks: [],
    facts: {
      docker: null,
      sysbox: { version: null, edition: null, services: { 'sysbox-mgr': { running: null, pid: null, startedAt: null, exe: null, executable: null }, 'sysbox-fs': { running: null, pid: null, startedAt: null, exe: null, executable: null } } },
      subid: { uid: null, gid: null },
      kernel: { version: null, idMappedMounts: null, overlayfsOnIdMapped: null, tmpfsIdMapped: null, shiftfs: null, mechanism: null },
      daemonJson: { path: '/etc/docker/daemon.json', raw: null },
      kasmUser: { uid: null, gid: null, rangeStart: { uid: null, gid: null }, source: 'unknown', explanation: 'unknown' },
      ...facts,
    },
  };
}

describe('hostFactsFrom (generators take live host values from the host status, on the server)', () => {
  it('an unavailable status is a note with the reason, never a crash; every value unknown', () => {
    const f = hostFactsFrom('local', { ok: false, reason: 'Docker is unreachable' });
    expect(f).toEqual({ hostName: 'local', subuidStart: null, subgidStart: null, subidSource: null, idShift: 'unknown', mechanism: null, daemonJson: null, kasmUser: null, idMappedMounts: null, notes: ['Host status: Docker is unreachable'] });
  });

  it('reads subid ranges, the kernel mechanism and daemon.json from the status', () => {
    const f = hostFactsFrom(
      'local',
      {
        ok: true,
        status: status({
          subid: { uid: { start: 296608, count: 65536 }, gid: { start: 296608, count: 65536 } },
          kernel: { version: '6.8.0', idMappedMounts: true, overlayfsOnIdMapped: true, tmpfsIdMapped: true, shiftfs: 'absent', mechanism: 'idmapped-mounts' },
          daemonJson: { path: '/etc/docker/daemon.json', raw: '{"log-level":"warn"}' },
        }),
      },
    );
    expect(f).toMatchObject({ hostName: 'agent-1', subuidStart: 296608, subgidStart: 296608, subidSource: 'subuid', idShift: 'yes', mechanism: 'idmapped-mounts', idMappedMounts: true, notes: [] });
    expect(f.daemonJson).toEqual({ path: '/etc/docker/daemon.json', raw: '{"log-level":"warn"}' });
  });

  it("takes kasm-user's ids from facts.kasmUser as the server computed them", () => {
    const f = hostFactsFrom('local', { ok: true, status: status({ subid: { uid: { start: 100000, count: 65536 }, gid: { start: 100000, count: 65536 } }, kernel: { version: null, idMappedMounts: false, overlayfsOnIdMapped: null, tmpfsIdMapped: null, shiftfs: null, mechanism: 'none' }, kasmUser }) });
    expect(f).toMatchObject({ subuidStart: 100000, subidSource: 'subuid', kasmUser, idShift: 'no', idMappedMounts: false });
  });

  it('a daemon.json read error is kept as its reason', () => {
    const f = hostFactsFrom('local', { ok: true, status: status({ daemonJson: { path: '/etc/docker/daemon.json', raw: null, error: 'EACCES' } }) });
    expect(f.daemonJson).toEqual({ path: '/etc/docker/daemon.json', raw: null, error: 'EACCES' });
    expect(f.idShift).toBe('unknown');
  });
});
