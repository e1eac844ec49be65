import { describe, expect, it } from 'vitest';
import { findContainerProblems } from '@/lib/sysbox/container-health';
import { matchKnownSysboxError } from '@/lib/sysbox/known-errors';
import { idShiftMechanism, kernelFeatures, parseKernelVersion, shiftfsState } from '@/lib/sysbox/kernel';
import { osSupport, parseOsRelease } from '@/lib/sysbox/os';
import { compareVersions, findDpkgSysboxParagraph, parseDpkgParagraph, parseSysboxVersionOutput } from '@/lib/sysbox/packages';
import { parseSubid, sysboxRange } from '@/lib/sysbox/subid';
import { parseBootTime, parseStartTicks } from '@/lib/server/probe/processes';

describe('kernel', () => {
  it('parses releases', () => {
    expect(parseKernelVersion('6.5.0-1020-aws')).toEqual({ major: 6, minor: 5, patch: 0, raw: '6.5.0-1020-aws' });
    expect(parseKernelVersion('6.18.44-fc-v782')).toMatchObject({ major: 6, minor: 18 });
    expect(parseKernelVersion('garbage')).toBeNull();
  });
  it('feature thresholds 5.12 / 5.19 / 6.3', () => {
    const v = (s: string) => {
      const k = parseKernelVersion(s);
      if (!k) throw new Error(s);
      return kernelFeatures(k);
    };
    expect(v('5.11.0')).toEqual({ idMappedMounts: false, overlayfsOnIdMapped: false, tmpfsIdMapped: false });
    expect(v('5.12.0')).toEqual({ idMappedMounts: true, overlayfsOnIdMapped: false, tmpfsIdMapped: false });
    expect(v('5.19.0')).toEqual({ idMappedMounts: true, overlayfsOnIdMapped: true, tmpfsIdMapped: false });
    expect(v('6.3.0')).toEqual({ idMappedMounts: true, overlayfsOnIdMapped: true, tmpfsIdMapped: true });
    expect(idShiftMechanism(v('5.15.0'), 'absent')).toBe('idmapped-mounts');
    expect(idShiftMechanism(v('5.15.0'), 'available')).toBe('shiftfs');
    expect(idShiftMechanism(v('5.10.0'), 'absent')).toBe('none');
    expect(idShiftMechanism(v('5.15.0'), null)).toBeNull();
  });
  it('shiftfs state from /proc/modules, /sys/module or modules.dep', () => {
    expect(shiftfsState({ procModules: 'shiftfs 32768 0 - Live 0x0', procFilesystems: '', sysModule: false, modulesDep: null })).toBe('loaded');
    expect(shiftfsState({ procModules: '', procFilesystems: '', sysModule: false, modulesDep: 'kernel/fs/shiftfs.ko:' })).toBe('available');
    expect(shiftfsState({ procModules: '', procFilesystems: '', sysModule: false, modulesDep: '' })).toBe('absent');
    expect(shiftfsState({ procModules: null, procFilesystems: null, sysModule: null, modulesDep: null })).toBeNull();
  });
});

describe('subid', () => {
  it('parses lines and finds the one sysbox range', () => {
    const t = '# comment\nkasm:100000:65536\nsysbox:296608:65536\n';
    expect(parseSubid(t).map((e) => e.line)).toEqual([2, 3]);
    expect(sysboxRange(t)).toEqual({ start: 296608, count: 65536 });
    expect(sysboxRange(`${t}sysbox:362144:65536\n`)).toBeNull();
  });
});

describe('os-release', () => {
  it('Ubuntu 22.04 is packaged; Debian 12 is not (yet) on the list', () => {
    expect(osSupport(parseOsRelease('ID=ubuntu\nVERSION_ID="22.04"\n'))).toBe('packaged');
    expect(osSupport(parseOsRelease('ID=debian\nVERSION_ID="12"\n'))).toBe('not-packaged');
    expect(osSupport(parseOsRelease(''))).toBe('unknown');
  });
});

describe('packages', () => {
  it('finds the sysbox-ce paragraph in dpkg status', () => {
    const status = 'Package: bash\nStatus: install ok installed\nVersion: 5.1\n\nPackage: sysbox-ce\nStatus: install ok installed\nVersion: 0.6.4-0.linux\n\nPackage: zsh\n';
    const para = findDpkgSysboxParagraph(status);
    expect(para && parseDpkgParagraph(para)).toEqual({ package: 'sysbox-ce', version: '0.6.4-0.linux', status: 'install ok installed', installed: true });
    expect(findDpkgSysboxParagraph('Package: bash\n')).toBeNull();
  });
  it('parses --version output and compares versions', () => {
    expect(parseSysboxVersionOutput('sysbox-mgr\n\tedition: \tCommunity Edition (CE)\n\tversion: \t0.6.4\n')).toEqual({ edition: 'CE', version: '0.6.4' });
    expect(compareVersions('0.6.4-0.linux', '0.7.0')).toBeLessThan(0);
    expect(compareVersions('0.7.0', '0.7.0')).toBe(0);
  });
});

describe('container health', () => {
  it('recognises every known Sysbox error string of domain.md §5', () => {
    const samples = [
      'failed to register with sysbox-mgr: dial unix /run/sysbox/sysmgr.sock: connect: connection refused',
      'failed to pre-register with sysbox-fs',
      'open /proc/sys: Transport endpoint is not connected',
      'unknown or invalid runtime name: sysbox-runc',
      'Unknown runtime specified sysbox-runc',
      'kernel version check failed: kernel 5.4 < 5.5',
      'kernel is not configured to allow unprivileged users to create namespaces',
      "sysbox containers can't share namespaces [pid] with the host",
      "sysbox containers can't share a network namespace with the host",
      'setting up ID-mapped mount on path /data failed: operation not permitted',
    ];
    for (const s of samples) expect(matchKnownSysboxError(s), s).not.toBeNull();
    expect(matchKnownSysboxError('exit status 1')).toBeNull();
  });
  it('only running sysbox containers can be stale', () => {
    const base = { id: 'a', name: 'a', runtime: 'sysbox-runc', state: 'running', startedAt: '2026-01-01T00:00:00Z', error: null };
    expect(findContainerProblems([base], '2026-01-02T00:00:00Z')).toHaveLength(1);
    expect(findContainerProblems([{ ...base, runtime: 'runc' }], '2026-01-02T00:00:00Z')).toHaveLength(0);
    expect(findContainerProblems([base], null)).toHaveLength(0);
  });
});

describe('/proc parsing', () => {
  it('reads field 22 of /proc/<pid>/stat even with spaces in comm, and btime', () => {
    const stat = '13592 (sysbox fs) S 1 13318 9785 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 803927 3133440 410';
    expect(parseStartTicks(stat)).toBe(803927);
    expect(parseBootTime('cpu 1 2 3\nbtime 1795936340\nprocesses 5\n')).toBe(1795936340);
  });
});
