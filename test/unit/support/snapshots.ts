import info from '../../fixtures/docker-sandbox/info.json';
import version from '../../fixtures/docker-sandbox/version.json';
import inspectSysbox from '../../fixtures/docker-sandbox/inspect-sysbox.json';
import {
  dockerInfoSchema,
  dockerVersionSchema,
  type ContainerHealthFact,
  type DockerInfo,
  type FileRead,
  type HostFiles,
  type HostSnapshot,
} from '@/lib/sysbox/snapshot';

/**
 * Snapshots for evaluator tests: Docker's /info, /version and a container
 * inspect were recorded off the sandbox dockerd (test/fixtures/docker-sandbox,
 * whose "sysbox-runc" is a STAND-IN for runc); the host files are those of a
 * correctly set-up Ubuntu 22.04 Sysbox host. Tests edit copies.
 */
export const ok = (text: string): FileRead => ({ state: 'ok', text });
export const missing: FileRead = { state: 'missing' };
export const denied: FileRead = { state: 'error', reason: 'permission denied [EACCES]' };

export const recordedInfo: DockerInfo = dockerInfoSchema.parse(info);
export const recordedVersion = dockerVersionSchema.parse({
  Version: version.Version,
  ApiVersion: version.ApiVersion,
  KernelVersion: version.KernelVersion,
  Os: version.Os,
});

export const READY_DAEMON_JSON = `{
  "runtimes": {
    "sysbox-runc": {
      "path": "/usr/bin/sysbox-runc"
    }
  },
  "bip": "172.20.0.1/16",
  "default-address-pools": [
    {
      "base": "172.25.0.0/16",
      "size": 24
    }
  ]
}
`;

export const DPKG_SYSBOX = `Package: sysbox-ce
Status: install ok installed
Priority: optional
Architecture: amd64
Version: 0.6.4-0.linux
Description: Sysbox Community Edition (CE) is a next-generation container runtime`;

const FS_STARTED = '2026-11-01T08:00:00.000Z';

export function readyFiles(): HostFiles {
  return {
    root: '/fixture',
    proc: '/fixture/proc',
    daemonJson: ok(READY_DAEMON_JSON),
    osReleaseFile: ok('NAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nPRETTY_NAME="Ubuntu 22.04.4 LTS"\n'),
    subuid: ok('kasm-user:100000:65536\nsysbox:296608:65536\n'),
    subgid: ok('kasm-user:100000:65536\nsysbox:296608:65536\n'),
    procModules: ok('overlay 151552 0 - Live 0x0000000000000000\nshiftfs 32768 0 - Live 0x0000000000000000\n'),
    procFilesystems: ok('nodev\tproc\n\text4\nnodev\tshiftfs\n'),
    kernelOsrelease: ok('6.5.0-1020-aws\n'),
    sysModuleShiftfs: ok(''),
    modulesDepShiftfs: ok('kernel/fs/shiftfs.ko:'),
    unprivilegedUsernsClone: ok('1\n'),
    maxUserNamespaces: ok('63391\n'),
    processes: {
      ok: true,
      value: [
        { pid: 901, comm: 'sysbox-mgr', startedAt: FS_STARTED, exe: { ok: true, value: '/usr/bin/sysbox-mgr' } },
        { pid: 902, comm: 'sysbox-fs', startedAt: FS_STARTED, exe: { ok: true, value: '/usr/bin/sysbox-fs' } },
      ],
    },
    binaries: {
      'sysbox-runc': { ok: true, value: true },
      'sysbox-mgr': { ok: true, value: true },
      'sysbox-fs': { ok: true, value: true },
    },
    dpkgSysbox: ok(DPKG_SYSBOX),
    versions: null,
  };
}

export const recordedContainer: ContainerHealthFact = {
  id: inspectSysbox.Id,
  name: inspectSysbox.Name.replace(/^\//, ''),
  runtime: inspectSysbox.HostConfig.Runtime,
  state: inspectSysbox.State.Status,
  startedAt: inspectSysbox.State.StartedAt,
  error: inspectSysbox.State.Error || null,
};

/** The recorded sandbox daemon, with its runtime pointed at the installed path and a ready host's files. */
export function readySnapshot(): HostSnapshot {
  return {
    host: { id: 'local', name: 'agent-1', endpoint: 'unix:///var/run/docker.sock' },
    takenAt: '2026-11-29T09:30:00.000Z',
    docker: {
      ok: true,
      value: {
        version: { ...recordedVersion },
        info: { ...recordedInfo, Runtimes: { ...recordedInfo.Runtimes, 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } } },
      },
    },
    files: readyFiles(),
    containers: { ok: true, value: [{ ...recordedContainer }] },
  };
}

/** Exactly as recorded: the sandbox's runtime is the stand-in script. */
export function recordedSnapshot(): HostSnapshot {
  const s = readySnapshot();
  if (s.docker.ok) s.docker.value.info = { ...recordedInfo };
  return s;
}

export function withInfo(s: HostSnapshot, patch: Partial<DockerInfo>): HostSnapshot {
  if (!s.docker.ok) return s;
  return { ...s, docker: { ok: true, value: { ...s.docker.value, info: { ...s.docker.value.info, ...patch } } } };
}

export function withFiles(s: HostSnapshot, patch: Partial<HostFiles>): HostSnapshot {
  if (!s.files) return s;
  return { ...s, files: { ...s.files, ...patch } };
}
