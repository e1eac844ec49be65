import { describe, expect, it } from 'vitest';
import { toContainerFacts, inspectSchema } from '@/lib/server/containers/inspect';
import { containerQuerySchema, findContainer, queryContainers } from '@/lib/server/containers/query';
import type { Container } from '@/lib/sysbox/container-schema';

function c(id: string, name: string, runtime: string, extra: Partial<Container> = {}): Container {
  return {
    id, name, image: 'img', state: 'running', status: 'Up', createdAt: '', startedAt: null, runtime, sysbox: runtime === 'sysbox-runc',
    kasm: { kind: null }, user: '', entrypoint: null, privileged: false, pidMode: '', networkMode: 'none', gpu: false, mounts: [],
    idMap: null, hostUids: null, findings: [], ...extra,
  };
}

const all = [
  c('aaa111', 'alice_1a2b3c4d', 'sysbox-runc', { kasm: { kind: 'session', kasmId: 'k', user: 'alice' } }),
  c('bbb222', 'kasm_agent', 'runc', { kasm: { kind: 'service' } }),
  c('ccc333', 'web', 'runc', { state: 'exited', findings: [{ id: 'x', severity: 'error', message: 'm' }] }),
];

describe('containerQuerySchema', () => {
  it('defaults and empty values', () => {
    expect(containerQuerySchema.parse({ runtime: '' })).toEqual({ problems: false, page: 1, pageSize: 50 });
  });
  it('refuses a page size over 500 and junk', () => {
    expect(containerQuerySchema.safeParse({ pageSize: '501' }).success).toBe(false);
    expect(containerQuerySchema.safeParse({ page: 'x' }).success).toBe(false);
    expect(containerQuerySchema.safeParse({ kasm: 'maybe' }).success).toBe(false);
    expect(containerQuerySchema.safeParse({ runtime: '../x' }).success).toBe(false);
  });
});

describe('queryContainers', () => {
  const q = (x: Record<string, string>) => queryContainers(all, containerQuerySchema.parse(x));
  it('filters by runtime, kasm kind, state, problems and text', () => {
    expect(q({ runtime: 'sysbox-runc' }).items.map((i) => i.name)).toEqual(['alice_1a2b3c4d']);
    expect(q({ kasm: 'service' }).items.map((i) => i.name)).toEqual(['kasm_agent']);
    expect(q({ kasm: 'other' }).items.map((i) => i.name)).toEqual(['web']);
    expect(q({ state: 'exited' }).items.map((i) => i.name)).toEqual(['web']);
    expect(q({ problems: '1' }).items.map((i) => i.name)).toEqual(['web']);
    expect(q({ q: 'ALICE' }).items.map((i) => i.name)).toEqual(['alice_1a2b3c4d']);
  });
  it('pages and counts runtimes over all containers', () => {
    const r = q({ page: '2', pageSize: '2' });
    expect(r).toMatchObject({ total: 3, page: 2, pageSize: 2, runtimes: { 'sysbox-runc': 1, runc: 2 } });
    expect(r.items.map((i) => i.name)).toEqual(['web']);
  });
});

describe('findContainer', () => {
  it('by id, name or unique prefix', () => {
    expect(findContainer(all, 'web')?.id).toBe('ccc333');
    expect(findContainer(all, 'bbb')?.name).toBe('kasm_agent');
    expect(findContainer(all, 'zzz')).toBeUndefined();
  });
});

describe('toContainerFacts', () => {
  const raw = {
    Id: 'f'.repeat(64),
    Name: '/alice_1a2b3c4d',
    Created: '2026-01-01T00:00:00Z',
    State: { Status: 'created', Running: false, Pid: 0, Error: '', StartedAt: '0001-01-01T00:00:00Z' },
    Config: { Image: 'kasmweb/core-ubuntu-jammy:sandbox', User: '0', Entrypoint: ['/sbin/init'], Env: ['VNC_PW=secret'], Labels: { 'kasm.kasmid': 'k' } },
    HostConfig: { Runtime: 'sysbox-runc', DeviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']] }] },
    Mounts: [{ Type: 'volume', Name: 'v', Source: '/var/lib/docker/volumes/v/_data', Destination: '/data', RW: true }],
  };
  it('reshapes inspect, never carries the environment, and says why there is no id map', () => {
    const f = toContainerFacts(inspectSchema.parse(raw), { ok: false, reason: 'not running' });
    expect(JSON.stringify(f)).not.toContain('VNC_PW');
    expect(f.container).toMatchObject({
      name: 'alice_1a2b3c4d', sysbox: true, gpu: true, startedAt: null, idMap: null, hostUids: null, idMapUnavailable: 'not running',
      kasm: { kind: 'session', kasmId: 'k', user: 'alice' },
      mounts: [{ type: 'volume', source: '/var/lib/docker/volumes/v/_data', destination: '/data', rw: true, volumeName: 'v' }],
    });
  });
  it('maps root and kasm-user through the uid map', () => {
    const m = [{ inside: 0, outside: 296608, length: 65536 }];
    const f = toContainerFacts(inspectSchema.parse(raw), { ok: true, uid: m, gid: m });
    expect(f.container.hostUids).toEqual({ root: 296608, kasmUser: 297608 });
    expect(f.identityUidMap).toBe(false);
  });
});
