import { describe, expect, it } from 'vitest';
import { classifyContainer, type ClassifyInput } from '@/lib/sysbox/classify';
import { findContainerProblems } from '@/lib/sysbox/container-health';
import { evaluateContainer } from '@/lib/sysbox/container-findings';
import { CONTAINER_REF_PATTERN, CONTAINER_REF_RE } from '@/lib/sysbox/container-ref';
import { KNOWN_SYSBOX_ERRORS } from '@/lib/sysbox/known-errors';
import { SYSBOX_RUNTIME, isSysboxRuntime } from '@/lib/sysbox/runtime';
import { SEVERITIES, SEVERITY_STATUS } from '@/lib/sysbox/severity';
import type { ContainerFacts } from '@/lib/sysbox/container-schema';

const base: ClassifyInput = { name: 'web', runtime: 'runc', labels: {}, deviceRequests: [], devicePaths: [], idMap: null };

describe('classifyContainer (pure: what a container is)', () => {
  it('a plain runc container: not Sysbox, no GPU, not Kasm, no ID map', () => {
    expect(classifyContainer(base)).toEqual({ sysbox: false, kasm: { kind: null }, gpu: false, hostUids: null, identityUidMap: null, driDevices: [] });
  });

  it('a Sysbox Kasm session reads its host uids from ITS live uid_map (this map starts at 165536, not the guide’s 296608)', () => {
    const idMap = { uid: [{ inside: 0, outside: 165536, length: 65536 }], gid: [{ inside: 0, outside: 165536, length: 65536 }] };
    const c = classifyContainer({ ...base, name: 'alice_1a2b3c4d', runtime: SYSBOX_RUNTIME, labels: { 'kasm.kasmid': 'k-1' }, idMap });
    expect(c).toEqual({
      sysbox: true,
      kasm: { kind: 'session', kasmId: 'k-1', user: 'alice' },
      gpu: false,
      hostUids: { root: 165536, kasmUser: 166536 },
      identityUidMap: false,
      driDevices: [],
    });
  });

  it('an identity uid_map (no user namespace) is reported as such', () => {
    const idMap = { uid: [{ inside: 0, outside: 0, length: 4294967295 }], gid: [{ inside: 0, outside: 0, length: 4294967295 }] };
    expect(classifyContainer({ ...base, runtime: SYSBOX_RUNTIME, idMap })).toMatchObject({ identityUidMap: true, hostUids: { root: 0, kasmUser: 1000 } });
  });

  it('NVIDIA devices are a GPU; /dev/dri is passed through as DRI devices, not a GPU', () => {
    expect(classifyContainer({ ...base, devicePaths: ['/dev/nvidia0'] }).gpu).toBe(true);
    expect(classifyContainer({ ...base, deviceRequests: [{ driver: 'nvidia', capabilities: [] }] }).gpu).toBe(true);
    const dri = classifyContainer({ ...base, devicePaths: ['/dev/dri/renderD128', '/dev/fuse'] });
    expect(dri.gpu).toBe(false);
    expect(dri.driDevices).toEqual(['/dev/dri/renderD128']);
  });
});

describe('one home per rule', () => {
  it('SYSBOX_RUNTIME is the runtime name Kasm and the Sysbox installer use', () => {
    expect(SYSBOX_RUNTIME).toBe('sysbox-runc');
    expect(isSysboxRuntime('sysbox-runc')).toBe(true);
    expect(isSysboxRuntime('runc')).toBe(false);
    expect(isSysboxRuntime(null)).toBe(false);
  });

  it('one severity → status map covers every severity', () => {
    expect(Object.keys(SEVERITY_STATUS).sort()).toEqual([...SEVERITIES].sort());
    expect(SEVERITY_STATUS).toEqual({ error: 'fail', warning: 'warn', info: 'unknown' });
  });

  it('one container-reference pattern: ids, names, short ids; nothing that escapes a path segment', () => {
    for (const ok of ['a'.repeat(64), 'abc123', 'alice_1a2b3c4d', 'kasm_proxy', 'my.app-1']) expect(CONTAINER_REF_RE.test(ok), ok).toBe(true);
    for (const bad of ['', '-x', '.hidden', 'a/b', '../x', 'a b', 'x'.repeat(129)]) expect(CONTAINER_REF_RE.test(bad), bad).toBe(false);
    expect(new RegExp(`^/containers/${CONTAINER_REF_PATTERN}/json$`).test('/containers/abc/json')).toBe(true);
  });

  it('the sysbox.error finding and the sysbox-health problem come from the same known-error entry, for every entry', () => {
    const samples: Record<string, string> = {
      'sysbox-mgr-down': 'failed to register with sysbox-mgr: dial unix /run/sysbox/sysmgr.sock: connect: connection refused',
      'sysbox-fs-down': 'failed to pre-register with sysbox-fs: rpc error',
      'sysbox-fs-restarted': 'open /proc/sys/kernel/hostname: Transport endpoint is not connected',
      'runtime-not-registered': 'unknown or invalid runtime name: sysbox-runc',
      'kernel-too-old': 'kernel version check failed: kernel 5.4 < 5.5',
      'userns-disallowed': 'kernel is not configured to allow unprivileged users to create namespaces',
      'host-namespace': "sysbox containers can't share namespaces [pid network] with the host (because they use the linux user-namespace for isolation)",
      'idmapped-mount-denied': 'setting up ID-mapped mount on path /data (likely means idmapped mounts are not supported): operation not permitted',
    };
    expect(Object.keys(samples).sort()).toEqual(KNOWN_SYSBOX_ERRORS.map((k) => k.id).sort());
    for (const known of KNOWN_SYSBOX_ERRORS) {
      const error = samples[known.id] ?? '';
      const facts: ContainerFacts = {
        container: {
          id: 'c', name: 'alice_1a2b3c4d', image: 'i', state: 'created', status: 'created', createdAt: '', startedAt: null, runtime: SYSBOX_RUNTIME, sysbox: true,
          kasm: { kind: null }, user: '', entrypoint: ['/sbin/init'], privileged: false, pidMode: '', networkMode: '', gpu: false, mounts: [], idMap: null, hostUids: null,
        },
        usernsMode: '', stateError: error, identityUidMap: null,
        timing: { status: 'created', running: false, paused: false, restarting: false, dead: false, startedAt: null, finishedAt: null, exitCode: 0, health: null },
      };
      const finding = evaluateContainer(facts).find((f) => f.id === 'sysbox.error');
      const [problem] = findContainerProblems([{ id: 'c', name: 'alice_1a2b3c4d', runtime: SYSBOX_RUNTIME, state: 'created', startedAt: null, error }], null);
      expect(problem?.known?.id, known.id).toBe(known.id);
      expect(problem?.finding, known.id).toEqual(finding);
      expect(finding?.fix, known.id).toBe(known.fix);
      expect(finding?.message, known.id).toContain(known.meaning);
    }
  });
});
