import { describe, expect, it } from 'vitest';
import type { Check, CheckId } from '@/lib/sysbox/check';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import { hostStatusSchema } from '@/lib/sysbox/status';
import type { HostSnapshot } from '@/lib/sysbox/snapshot';
import { denied, missing, ok, readySnapshot, recordedSnapshot, withFiles, withInfo } from './support/snapshots';

function get(s: HostSnapshot, id: CheckId): Check {
  const c = evaluateHost(s).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

const dockerDown = (s: HostSnapshot): HostSnapshot => ({
  ...s,
  docker: { ok: false, reason: 'no Docker socket at that path [ENOENT]' },
  containers: { ok: false, reason: 'no Docker socket at that path [ENOENT]' },
});

describe('evaluateHost on a correctly set-up host (recorded daemon, runtime at /usr/bin/sysbox-runc)', () => {
  const status = evaluateHost(readySnapshot());

  it('is ready, every check passes, and the result has the API shape', () => {
    expect(status.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.summary}`)).toEqual([]);
    expect(status.verdict).toBe('ready');
    expect(hostStatusSchema.parse(status)).toEqual(status);
  });

  it('reports every check id once', () => {
    expect(status.checks.map((c) => c.id).sort()).toEqual(
      [
        'containers.sysbox-health',
        'daemon-json',
        'docker.reachable',
        'docker.rootless',
        'docker.snap',
        'host.os',
        'kernel.id-shifting',
        'kernel.userns',
        'kernel.version',
        'subid.sysbox',
        'sysbox.installed',
        'sysbox.runtime',
        'sysbox.services',
      ].sort(),
    );
  });

  it('facts carry the recorded daemon and the host files', () => {
    expect(status.facts.docker).toMatchObject({ version: '20.10.24+dfsg1', apiVersion: '1.41', kernelVersion: '6.18.44-fc-v782', defaultRuntime: 'runc' });
    expect(status.facts.docker?.securityOptions).toContain('name=userns');
    expect(status.facts.subid).toEqual({ uid: { start: 296608, count: 65536 }, gid: { start: 296608, count: 65536 } });
    expect(status.facts.sysbox).toMatchObject({ version: '0.6.4-0.linux', edition: 'CE' });
    expect(status.facts.sysbox.services['sysbox-fs']).toMatchObject({ running: true, pid: 902 });
    expect(status.facts.kernel).toEqual({
      version: '6.18.44-fc-v782',
      idMappedMounts: true,
      overlayfsOnIdMapped: true,
      tmpfsIdMapped: true,
      shiftfs: 'loaded',
      mechanism: 'idmapped-mounts',
    });
    expect(status.facts.daemonJson.path).toBe('/etc/docker/daemon.json');
    expect(status.facts.daemonJson.error).toBeUndefined();
  });
});

describe('docker.*', () => {
  it('docker down: reachable fails naming the endpoint; host-file checks are still evaluated; verdict not-ready', () => {
    const st = evaluateHost(dockerDown(readySnapshot()));
    const c = st.checks.find((x) => x.id === 'docker.reachable');
    expect(c?.status).toBe('fail');
    expect(c?.evidence).toContain('endpoint: unix:///var/run/docker.sock');
    expect(st.checks.find((x) => x.id === 'subid.sysbox')?.status).toBe('pass');
    expect(st.checks.find((x) => x.id === 'sysbox.services')?.status).toBe('pass');
    expect(st.checks.find((x) => x.id === 'kernel.version')?.status).toBe('pass'); // from /proc/sys/kernel/osrelease
    for (const id of ['docker.rootless', 'docker.snap', 'sysbox.runtime', 'containers.sysbox-health'] as const) {
      expect(st.checks.find((x) => x.id === id)?.status).toBe('unknown');
    }
    expect(st.facts.docker).toBeNull();
    expect(st.verdict).toBe('not-ready');
  });

  it('rootless Docker fails', () => {
    const s = withInfo(readySnapshot(), { SecurityOptions: ['name=seccomp,profile=default', 'name=rootless', 'name=cgroupns'] });
    const c = get(s, 'docker.rootless');
    expect(c.status).toBe('fail');
    expect(c.evidence[0]).toContain('name=rootless');
    expect(evaluateHost(s).verdict).toBe('not-ready');
  });

  it('snap Docker fails', () => {
    const c = get(withInfo(readySnapshot(), { DockerRootDir: '/var/snap/docker/common/var-lib-docker' }), 'docker.snap');
    expect(c.status).toBe('fail');
    expect(c.fix?.commands).toContain('sudo snap remove docker');
  });
});

describe('sysbox.installed', () => {
  it('passes with 0.6.4 and says 0.7.0 exists', () => {
    const c = get(readySnapshot(), 'sysbox.installed');
    expect(c.status).toBe('pass');
    expect(c.summary).toContain('0.7.0');
  });

  it('fails when binaries are missing (no sysbox entry in dpkg either)', () => {
    const s = withFiles(readySnapshot(), {
      binaries: { 'sysbox-runc': { ok: true, value: false }, 'sysbox-mgr': { ok: true, value: false }, 'sysbox-fs': { ok: true, value: false } },
      dpkgSysbox: ok(''),
    });
    const c = get(s, 'sysbox.installed');
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain('/var/lib/dpkg/status: no sysbox-ce or sysbox-ee entry');
    expect(c.fix?.commands?.join('\n')).toContain('sysbox-ce_0.7.0-0.linux_amd64.deb');
  });

  it('warns for a version older than the guide', () => {
    const s = withFiles(readySnapshot(), { dpkgSysbox: ok('Package: sysbox-ce\nStatus: install ok installed\nVersion: 0.5.2-0.linux') });
    expect(get(s, 'sysbox.installed').status).toBe('warn');
  });

  it('reads edition and version from --version output when present', () => {
    const out = 'sysbox-runc\n\tedition: \tCommunity Edition (CE)\n\tversion: \t0.7.0\n\tcommit: \tabc\n';
    const st = evaluateHost(withFiles(readySnapshot(), { versions: { ok: true, value: { 'sysbox-runc': out } } }));
    expect(st.facts.sysbox).toMatchObject({ version: '0.7.0', edition: 'CE' });
    expect(st.checks.find((c) => c.id === 'sysbox.installed')?.summary).toContain('latest');
  });

  it('is unknown, not pass, when a binary cannot be checked', () => {
    const s = withFiles(readySnapshot(), {
      binaries: { 'sysbox-runc': { ok: false, reason: 'EACCES' }, 'sysbox-mgr': { ok: true, value: true }, 'sysbox-fs': { ok: true, value: true } },
    });
    expect(get(s, 'sysbox.installed').status).toBe('unknown');
  });
});

describe('sysbox.runtime', () => {
  it('warns on the recorded sandbox: sysbox-runc is the STAND-IN script, not an installed Sysbox binary', () => {
    const c = get(recordedSnapshot(), 'sysbox.runtime');
    expect(c.status).toBe('warn');
    expect(c.summary).toContain('sysbox-runc-STANDIN-is-runc');
    expect(c.summary).toContain('a runtime name alone does not make this Sysbox');
  });

  it('warns with a reload when daemon.json has it but /info does not', () => {
    const runtimes = { runc: { path: 'runc' } };
    const c = get(withInfo(readySnapshot(), { Runtimes: runtimes }), 'sysbox.runtime');
    expect(c.status).toBe('warn');
    expect(c.fix?.commands).toEqual(['sudo systemctl reload docker']);
  });

  it('fails when neither /info nor daemon.json has it, offering the merged file', () => {
    const s = withFiles(withInfo(readySnapshot(), { Runtimes: { runc: { path: 'runc' } } }), { daemonJson: ok('{"log-level":"warn"}') });
    const c = get(s, 'sysbox.runtime');
    expect(c.status).toBe('fail');
    expect(JSON.parse(c.fix?.json ?? '{}')).toMatchObject({ 'log-level': 'warn', runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } } });
  });

  it('warns when the registered path is right but the binary is missing', () => {
    const s = withFiles(readySnapshot(), {
      binaries: { 'sysbox-runc': { ok: true, value: false }, 'sysbox-mgr': { ok: true, value: true }, 'sysbox-fs': { ok: true, value: true } },
    });
    expect(get(s, 'sysbox.runtime').status).toBe('warn');
  });

  it('is unknown when Docker is down, even if daemon.json has it', () => {
    expect(get(dockerDown(readySnapshot()), 'sysbox.runtime').status).toBe('unknown');
  });
});

describe('sysbox.services', () => {
  it('fails when sysbox-fs is not running, with the restart fix', () => {
    const s = withFiles(readySnapshot(), { processes: { ok: true, value: [{ pid: 901, comm: 'sysbox-mgr', startedAt: null, exe: { ok: true, value: '/usr/bin/sysbox-mgr' } }] } });
    const c = get(s, 'sysbox.services');
    expect(c.status).toBe('fail');
    expect(c.summary).toContain('sysbox-fs');
    expect(c.fix?.commands?.[0]).toBe('sudo systemctl restart sysbox');
  });

  it('is unknown when /proc cannot be listed', () => {
    const s = withFiles(readySnapshot(), { processes: { ok: false, reason: 'cannot list /proc: EACCES' } });
    expect(get(s, 'sysbox.services').status).toBe('unknown');
    expect(evaluateHost(s).verdict).toBe('degraded');
  });
});

describe('daemon-json', () => {
  it('fails on broken JSON naming line and column', () => {
    const broken = '{\n  "runtimes": {\n    "sysbox-runc": { "path": "/usr/bin/sysbox-runc" }\n  },\n  "bip": "172.20.0.1/16",\n}\n';
    const st = evaluateHost(withFiles(readySnapshot(), { daemonJson: ok(broken) }));
    const c = st.checks.find((x) => x.id === 'daemon-json');
    expect(c?.status).toBe('fail');
    expect(c?.summary).toMatch(/line 6, column 1/);
    expect(st.facts.daemonJson.error).toMatch(/^invalid JSON/);
    expect(st.facts.daemonJson.raw).toBe(broken);
  });

  it('warns when bip and default-address-pools are absent, explaining the overlap, and keeps other keys in the fix', () => {
    const s = withFiles(readySnapshot(), {
      daemonJson: ok('{"runtimes":{"sysbox-runc":{"path":"/usr/bin/sysbox-runc"}},"log-driver":"journald"}'),
    });
    const c = get(s, 'daemon-json');
    expect(c.status).toBe('warn');
    expect(c.summary).toContain('172.17.0.0/16');
    expect(JSON.parse(c.fix?.json ?? '{}')).toEqual({
      runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } },
      'log-driver': 'journald',
      bip: '172.20.0.1/16',
      'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
    });
  });

  it('warns when there is no daemon.json; unknown when it is unreadable', () => {
    expect(get(withFiles(readySnapshot(), { daemonJson: missing }), 'daemon-json').status).toBe('warn');
    expect(get(withFiles(readySnapshot(), { daemonJson: denied }), 'daemon-json').status).toBe('unknown');
  });
});

describe('kernel.*', () => {
  it('fails below 5.15', () => {
    const s = withInfo(readySnapshot(), { KernelVersion: '5.4.0-150-generic' });
    const c = get(s, 'kernel.version');
    expect(c.status).toBe('fail');
    expect(c.title).toContain('5.4.0-150-generic');
  });

  it('warns on 5.15 without shiftfs, passes with shiftfs loaded', () => {
    const noShift = withFiles(withInfo(readySnapshot(), { KernelVersion: '5.15.0-91-generic' }), {
      procModules: ok('overlay 1 0 - Live 0x0\n'),
      procFilesystems: ok('nodev\tproc\n'),
      sysModuleShiftfs: missing,
      modulesDepShiftfs: ok(''),
    });
    expect(get(noShift, 'kernel.version').status).toBe('warn');
    expect(get(noShift, 'kernel.version').fix?.commands?.join('\n')).toContain('shiftfs-dkms');
    expect(get(withInfo(readySnapshot(), { KernelVersion: '5.15.0-91-generic' }), 'kernel.version').status).toBe('pass');
  });

  it('passes from 6.3, noting 6.5 is recommended', () => {
    const c = get(withInfo(readySnapshot(), { KernelVersion: '6.3.0-1-generic' }), 'kernel.version');
    expect(c.status).toBe('pass');
    expect(c.summary).toContain('6.5');
  });

  it('id-shifting: 5.15 uses shiftfs when loaded; ID-mapped mounts from 5.19', () => {
    const st515 = evaluateHost(withInfo(readySnapshot(), { KernelVersion: '5.15.0-91-generic' }));
    expect(st515.facts.kernel).toMatchObject({ idMappedMounts: true, overlayfsOnIdMapped: false, tmpfsIdMapped: false, mechanism: 'shiftfs' });
    const st519 = evaluateHost(withInfo(readySnapshot(), { KernelVersion: '5.19.0-1-generic' }));
    expect(st519.facts.kernel).toMatchObject({ overlayfsOnIdMapped: true, tmpfsIdMapped: false, mechanism: 'idmapped-mounts' });
    expect(st519.checks.find((c) => c.id === 'kernel.id-shifting')?.summary).toContain("kasm-user's host uid/gid");
  });

  it('id-shifting: an old kernel without shiftfs cannot shift', () => {
    const s = withFiles(withInfo(readySnapshot(), { KernelVersion: '5.10.0-20-amd64' }), {
      procModules: ok(''),
      procFilesystems: ok(''),
      sysModuleShiftfs: missing,
      modulesDepShiftfs: missing,
    });
    const st = evaluateHost(s);
    expect(st.facts.kernel.mechanism).toBe('none');
    expect(st.checks.find((c) => c.id === 'kernel.id-shifting')?.status).toBe('fail');
  });

  it('userns: fails when unprivileged_userns_clone is 0, passes when the file is absent', () => {
    expect(get(withFiles(readySnapshot(), { unprivilegedUsernsClone: ok('0\n') }), 'kernel.userns').status).toBe('fail');
    expect(get(withFiles(readySnapshot(), { unprivilegedUsernsClone: missing }), 'kernel.userns').status).toBe('pass');
    expect(get(withFiles(readySnapshot(), { maxUserNamespaces: ok('0') }), 'kernel.userns').status).toBe('fail');
    expect(get(withFiles(readySnapshot(), { maxUserNamespaces: denied }), 'kernel.userns').status).toBe('unknown');
  });
});

describe('subid.sysbox', () => {
  it('fails on duplicate sysbox lines, quoting them', () => {
    const dup = 'sysbox:296608:65536\nsysbox:296608:65536\n';
    const st = evaluateHost(withFiles(readySnapshot(), { subuid: ok(dup) }));
    const c = st.checks.find((x) => x.id === 'subid.sysbox');
    expect(c?.status).toBe('fail');
    expect(c?.summary).toContain('2 sysbox lines');
    expect(c?.evidence).toContain('/etc/subuid line 2: sysbox:296608:65536');
    expect(st.facts.subid.uid).toBeNull();
  });

  it('fails on a short range, a missing line, or different starts', () => {
    expect(get(withFiles(readySnapshot(), { subgid: ok('sysbox:296608:1000\n') }), 'subid.sysbox').status).toBe('fail');
    expect(get(withFiles(readySnapshot(), { subgid: missing }), 'subid.sysbox').status).toBe('fail');
    const diff = get(withFiles(readySnapshot(), { subgid: ok('sysbox:362144:65536\n') }), 'subid.sysbox');
    expect(diff.status).toBe('fail');
    expect(diff.summary).toContain('differs');
  });

  it('is unknown when unreadable; pass says the mapped kasm-user uid', () => {
    expect(get(withFiles(readySnapshot(), { subuid: denied }), 'subid.sysbox').status).toBe('unknown');
    expect(get(readySnapshot(), 'subid.sysbox').summary).toContain('297608');
  });
});

describe('host.os', () => {
  it('warns for a distro Sysbox does not package (Debian 12, as this test machine)', () => {
    const c = get(withFiles(readySnapshot(), { osReleaseFile: ok('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n') }), 'host.os');
    expect(c.status).toBe('warn');
  });
  it('is unknown when os-release is unreadable', () => {
    expect(get(withFiles(readySnapshot(), { osReleaseFile: denied }), 'host.os').status).toBe('unknown');
  });
});

describe('containers.sysbox-health', () => {
  it('fails for a known Sysbox error, explained in plain words', () => {
    const s = readySnapshot();
    const c0 = s.containers.ok ? s.containers.value[0] : undefined;
    if (!c0 || !s.containers.ok) throw new Error('fixture');
    s.containers.value = [
      {
        ...c0,
        name: 'alice_1a2b3c4d',
        state: 'created',
        error:
          'OCI runtime create failed: container_linux.go:380: failed to register with sysbox-mgr: failed to invoke Register via grpc: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial unix /run/sysbox/sysmgr.sock: connect: connection refused"',
      },
    ];
    const c = get(s, 'containers.sysbox-health');
    expect(c.status).toBe('fail');
    expect(c.summary).toContain('sysbox-mgr was not running');
  });

  it('fails for a running Sysbox container that predates sysbox-fs (stale)', () => {
    const s = withFiles(readySnapshot(), {
      processes: {
        ok: true,
        value: [
          { pid: 901, comm: 'sysbox-mgr', startedAt: '2026-11-29T12:00:00.000Z', exe: { ok: true, value: '/usr/bin/sysbox-mgr' } },
          { pid: 902, comm: 'sysbox-fs', startedAt: '2026-11-29T12:00:00.000Z', exe: { ok: true, value: '/usr/bin/sysbox-fs' } },
        ],
      },
    });
    const c = get(s, 'containers.sysbox-health');
    expect(c.status).toBe('fail');
    expect(c.summary).toContain('stale');
  });

  it('passes when no container uses sysbox-runc', () => {
    const s: HostSnapshot = { ...readySnapshot(), containers: { ok: true, value: [] } };
    expect(get(s, 'containers.sysbox-health').title).toBe('No Sysbox containers yet');
  });
});

describe('verdict', () => {
  it('recorded sandbox as-is (stand-in runtime): degraded, never ready', () => {
    expect(evaluateHost(recordedSnapshot()).verdict).toBe('degraded');
  });
  it('no host files visible: critical unknowns keep it from ready', () => {
    const st = evaluateHost({ ...readySnapshot(), files: null });
    expect(st.verdict).toBe('degraded');
    expect(st.checks.find((c) => c.id === 'sysbox.services')?.status).toBe('unknown');
  });
});
