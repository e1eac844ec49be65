import { describe, expect, it } from 'vitest';
import { detectGpu } from '@/lib/sysbox/classify';
import { evaluateContainer, evaluateContainers } from '@/lib/sysbox/container-findings';
import type { ContainerFacts } from '@/lib/sysbox/container-schema';

type C = ContainerFacts['container'];

function facts(c: Partial<C> = {}, extra: Partial<Omit<ContainerFacts, 'container'>> = {}): ContainerFacts {
  const runtime = c.runtime ?? 'sysbox-runc';
  return {
    container: {
      id: 'a'.repeat(64),
      name: 'web',
      image: 'kasmweb/core-ubuntu-jammy:1.16.0',
      state: 'running',
      status: 'Up 1 minute',
      createdAt: '2026-01-01T00:00:00Z',
      startedAt: '2026-01-01T00:00:01Z',
      runtime,
      sysbox: runtime === 'sysbox-runc',
      kasm: { kind: null },
      user: '0',
      entrypoint: ['/sbin/init'],
      privileged: false,
      pidMode: '',
      networkMode: 'none',
      gpu: false,
      mounts: [],
      idMap: { uid: [{ inside: 0, outside: 296608, length: 65536 }], gid: [{ inside: 0, outside: 296608, length: 65536 }] },
      hostUids: { root: 296608, kasmUser: 297608 },
      ...c,
    },
    usernsMode: '',
    stateError: '',
    identityUidMap: false,
    timing: { status: 'running', running: true, paused: false, restarting: false, dead: false, startedAt: '2026-01-01T00:00:01Z', finishedAt: null, exitCode: 0, health: null },
    ...extra,
  };
}

const ids = (f: ContainerFacts) => evaluateContainer(f).map((x) => x.id);

describe('evaluateContainer', () => {
  it('a correct Sysbox Kasm session has no findings', () => {
    expect(ids(facts({ kasm: { kind: 'session', kasmId: 'k', user: 'alice' } }))).toEqual([]);
  });

  it('sysbox.gpu: only under Sysbox', () => {
    expect(ids(facts({ gpu: true }))).toEqual(['sysbox.gpu']);
    expect(evaluateContainer(facts({ gpu: true }))[0]?.severity).toBe('error');
    expect(ids(facts({ gpu: true, runtime: 'runc', sysbox: false }))).toEqual([]);
  });

  it('detectGpu: NVIDIA only; /dev/dri is not a GPU request', () => {
    const none = { runtime: 'sysbox-runc', deviceRequests: [], devicePaths: [] };
    expect(detectGpu({ ...none, devicePaths: ['/dev/dri/renderD128', '/dev/dri/card0'] })).toBe(false);
    expect(detectGpu({ ...none, devicePaths: ['/dev/nvidia0'] })).toBe(true);
    expect(detectGpu({ ...none, deviceRequests: [{ driver: '', capabilities: [['gpu']] }] })).toBe(true);
    expect(detectGpu({ ...none, runtime: 'nvidia' })).toBe(true);
  });

  it('sysbox.dri: /dev/dri under Sysbox is an info quoting the guide, never an error', () => {
    const f = evaluateContainer(facts({}, { driDevices: ['/dev/dri/renderD128'] }));
    expect(f).toEqual([
      {
        id: 'sysbox.dri',
        severity: 'info',
        message:
          "Passes /dev/dri/renderD128 under Sysbox. This works: Kasm's Sysbox guide says GPU acceleration through DRI3 with the open-source (Intel/AMD) drivers works under Sysbox; only NVIDIA GPUs are incompatible. Inside the container the device files show as owned by nobody (host ids outside the container's range).",
      },
    ]);
    expect(ids(facts({ runtime: 'runc', sysbox: false }, { driDevices: ['/dev/dri/renderD128'] }))).toEqual([]);
  });

  it('sysbox.privileged: only under Sysbox', () => {
    expect(ids(facts({ privileged: true }))).toEqual(['sysbox.privileged']);
    expect(ids(facts({ privileged: true, runtime: 'runc', sysbox: false }))).toEqual([]);
  });

  it('sysbox.host-namespace: pid, network or userns host, named in the fix', () => {
    expect(ids(facts({ pidMode: 'host' }))).toEqual(['sysbox.host-namespace']);
    expect(ids(facts({ networkMode: 'host' }))).toEqual(['sysbox.host-namespace']);
    expect(ids(facts({}, { usernsMode: 'host' }))).toEqual(['sysbox.host-namespace']);
    const [f] = evaluateContainer(facts({ pidMode: 'host', networkMode: 'host' }));
    expect(f?.message).toMatch(/pid, network namespaces/);
    expect(f?.fix).toContain('"pid_mode": "host"');
    expect(f?.fix).toContain('"network_mode": "host"');
    expect(ids(facts({ pidMode: 'host', runtime: 'runc', sysbox: false }))).toEqual([]);
  });

  it('sysbox.no-init: a Kasm session under Sysbox without /sbin/init', () => {
    const session = { kind: 'session' as const, kasmId: 'k' };
    expect(ids(facts({ kasm: session, entrypoint: ['/dockerstartup/kasm_default_profile.sh'] }))).toEqual(['sysbox.no-init']);
    expect(ids(facts({ kasm: session, entrypoint: null }))).toEqual(['sysbox.no-init']);
    // not a session, or not Sysbox: no finding
    expect(ids(facts({ entrypoint: null }))).toEqual([]);
    expect(ids(facts({ kasm: session, entrypoint: null, runtime: 'runc', sysbox: false }))).toEqual([]);
  });

  it('sysbox.persistent-profile: a mount at /home/kasm-user under Sysbox', () => {
    const m = { type: 'bind', source: '/mnt/profiles/alice', destination: '/home/kasm-user/', rw: true };
    expect(ids(facts({ mounts: [m] }))).toEqual(['sysbox.persistent-profile']);
    expect(ids(facts({ mounts: [{ ...m, destination: '/home/kasm-user/Desktop' }] }))).toEqual([]);
    expect(ids(facts({ mounts: [m], runtime: 'runc', sysbox: false }))).toEqual([]);
  });

  it.each([
    ['failed to register with sysbox-mgr: failed to invoke Register via grpc: rpc error: dial unix /run/sysbox/sysmgr.sock: connect: connection refused', 'sysbox-mgr'],
    ['failed to pre-register with sysbox-fs', 'sysbox-fs was not running'],
    ['open /proc/sys/kernel/x: Transport endpoint is not connected', 'Recreate'],
    ['unknown or invalid runtime name: sysbox-runc', 'daemon.json'],
    ['kernel version check failed: kernel 5.4 < 5.5', 'kernel'],
    ["sysbox containers can't share namespaces [pid] with the host", 'pid_mode'],
    ["sysbox containers can't share a network namespace with the host", 'network_mode'],
    ['setting up ID-mapped mount on path /var/lib/docker/x failed: operation not permitted', 'ID-mapped'],
  ])('sysbox.error explains "%s"', (err, hint) => {
    const found = evaluateContainer(facts({ state: 'created' }, { stateError: err }));
    expect(found.map((f) => f.id)).toEqual(['sysbox.error']);
    expect(`${found[0]?.message} ${found[0]?.fix}`).toContain(hint);
  });

  it('sysbox.error ignores errors that are not Sysbox failures', () => {
    expect(ids(facts({}, { stateError: 'exec: "/nope": stat /nope: no such file or directory' }))).toEqual([]);
  });

  it('userns.none: a Sysbox container with an identity uid_map', () => {
    expect(ids(facts({}, { identityUidMap: true }))).toEqual(['userns.none']);
    expect(ids(facts({}, { identityUidMap: null }))).toEqual([]);
    expect(ids(facts({ runtime: 'runc', sysbox: false }, { identityUidMap: true }))).toEqual([]);
  });
});

describe('mount.shared-across-runtimes', () => {
  const vol = { type: 'volume', source: '/var/lib/docker/volumes/shared/_data', destination: '/data', rw: true, volumeName: 'shared' };
  it('flags both sides, naming the other, and nothing else', () => {
    const out = evaluateContainers([
      facts({ id: '1', name: 'sb', mounts: [vol] }),
      facts({ id: '2', name: 'plain', runtime: 'runc', sysbox: false, mounts: [vol] }),
      facts({ id: '3', name: 'other-sb', mounts: [{ ...vol, volumeName: 'mine', source: '/x' }] }),
    ]);
    expect(out.map((c) => c.findings.map((f) => f.id))).toEqual([['mount.shared-across-runtimes'], ['mount.shared-across-runtimes'], []]);
    expect(out[0]?.findings[0]?.message).toContain('plain (runc)');
    expect(out[1]?.findings[0]?.message).toContain('sb (sysbox-runc)');
    expect(out[0]?.findings[0]?.severity).toBe('error');
  });
  it('bind sources match regardless of a trailing slash; same-runtime sharing is fine', () => {
    const bind = (source: string) => ({ type: 'bind', source, destination: '/d', rw: true });
    const out = evaluateContainers([
      facts({ id: '1', mounts: [bind('/srv/share/')] }),
      facts({ id: '2', runtime: 'runc', sysbox: false, mounts: [bind('/srv/share')] }),
      facts({ id: '3', mounts: [bind('/srv/sb-only')] }),
      facts({ id: '4', mounts: [bind('/srv/sb-only')] }),
    ]);
    expect(out.map((c) => c.findings.length)).toEqual([1, 1, 0, 0]);
  });
});

describe('detectGpu', () => {
  it('sees --gpus (device request with capability gpu), nvidia drivers, nvidia runtimes and /dev/nvidia*', () => {
    expect(detectGpu({ runtime: 'runc', deviceRequests: [{ driver: '', capabilities: [['gpu']] }], devicePaths: [] })).toBe(true);
    expect(detectGpu({ runtime: 'runc', deviceRequests: [{ driver: 'nvidia', capabilities: [] }], devicePaths: [] })).toBe(true);
    expect(detectGpu({ runtime: 'nvidia', deviceRequests: [], devicePaths: [] })).toBe(true);
    expect(detectGpu({ runtime: 'runc', deviceRequests: [], devicePaths: ['/dev/nvidia0'] })).toBe(true);
    expect(detectGpu({ runtime: 'sysbox-runc', deviceRequests: [], devicePaths: ['/dev/fuse'] })).toBe(false);
  });
});
