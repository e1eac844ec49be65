import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import { fleetSchema, hostSummarySchema, type FleetRow, type kasmUserFactContract } from '@/lib/contracts/hosts';
import { hostStatusContract, type CheckContract, type HostStatusContract } from '@/lib/contracts/status';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import type { HostStatus } from '@/lib/sysbox/status';

const kasmUser: KasmUserFact = { uid: 232072, gid: 232072, rangeStart: { uid: 231072, gid: 231072 }, source: 'live-map', explanation: 'from the live map' };

describe('API contracts the browser parses (lib/contracts, zod/mini)', () => {
  it("facts.kasmUser's contract has exactly the evaluator's type", () => {
    expectTypeOf<z.infer<typeof kasmUserFactContract>>().toEqualTypeOf<KasmUserFact>();
  });

  it('GET /api/v1/hosts: a reachable and an unreachable row parse; a wrong shape is refused', () => {
    const rows: FleetRow[] = [
      { id: 'local', name: 'agent-1', kind: 'docker', endpoint: 'unix:///var/run/docker.sock', reachable: true, verdict: 'ready', checkedAt: '2026-11-29T18:00:00.000Z', sysboxVersion: '0.6.4', kernel: '6.8.0', runtimeRegistered: true, runtimePath: '/usr/bin/sysbox-runc', runtimeIsSysbox: true, problems: 0, kasmUser, counts: { containers: 3, sysbox: 1, sessions: 1, withFindings: 0, findings: 0 } },
      { id: 'dead', name: 'dead', kind: 'dashboard', endpoint: 'https://dead.example', reachable: false, unreachableSince: '2026-11-29T17:59:00.000Z', error: { code: 'remote_unreachable', message: 'no answer' } },
    ];
    expect(fleetSchema.parse({ hosts: rows })).toEqual({ hosts: rows });
    expect(fleetSchema.safeParse({ hosts: [{ ...rows[0], reachable: 'yes' }] }).success).toBe(false);
    expect(fleetSchema.safeParse({ hosts: [{ ...rows[0], kasmUser: { ...kasmUser, uid: 1.5 } }] }).success).toBe(false);
  });

  it('GET /api/v1/hosts/{host}: the summary parses; a missing checkedAt is refused', () => {
    const s = { id: 'local', name: 'agent-1', kind: 'docker' as const, endpoint: 'unix:///var/run/docker.sock', reachable: true, docker: { version: '28.0.1', apiVersion: '1.48' }, checkedAt: '2026-11-29T18:00:00.000Z' };
    expect(hostSummarySchema.parse(s)).toEqual(s);
    const { checkedAt: _drop, ...noTime } = s;
    expect(hostSummarySchema.safeParse(noTime).success).toBe(false);
  });
});

describe('the status contract (zod/mini twin of lib/sysbox/status.ts)', () => {
  it("the server's HostStatus satisfies the browser's contract type", () => {
    expectTypeOf<HostStatus>().toExtend<HostStatusContract>();
    expectTypeOf<HostStatus['checks'][number]>().toExtend<CheckContract>();
  });

  it('parses a status the evaluator built, and refuses a wrong verdict', () => {
    const status: HostStatus = {
      host: { id: 'local', name: 'agent-1', endpoint: 'unix:///var/run/docker.sock' },
      checkedAt: '2026-11-29T18:00:00.000Z',
      verdict: 'degraded',
      checks: [{ id: 'kernel.version', status: 'warn', critical: false, title: 'Kernel', summary: 'old', evidence: ['5.4.0'], fix: { text: 'upgrade', commands: ['sudo apt-get install linux-generic-hwe-20.04'] } }],
      facts: {
        docker: { version: '28.0.1', apiVersion: '1.48', runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } }, defaultRuntime: 'runc', securityOptions: [], kernelVersion: '5.4.0', os: 'Ubuntu' },
        sysbox: { version: '0.6.4', edition: 'CE', services: { 'sysbox-mgr': { running: true, pid: 10, startedAt: null, exe: '/usr/bin/sysbox-mgr', executable: 'installed' }, 'sysbox-fs': { running: true, pid: 11, startedAt: null, exe: '/usr/bin/sysbox-fs', executable: 'installed' } } },
        subid: { uid: { start: 231072, count: 65536 }, gid: { start: 231072, count: 65536 } },
        kernel: { version: '5.4.0', idMappedMounts: false, overlayfsOnIdMapped: null, tmpfsIdMapped: null, shiftfs: 'loaded', mechanism: 'shiftfs' },
        daemonJson: { path: '/etc/docker/daemon.json', raw: '{}' },
        kasmUser,
      },
    };
    expect(hostStatusContract.parse(status)).toEqual(status);
    expect(hostStatusContract.safeParse({ ...status, verdict: 'fine' }).success).toBe(false);
  });
});
