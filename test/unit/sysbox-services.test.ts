import { describe, expect, it } from 'vitest';
import type { Check } from '@/lib/sysbox/check';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import { classifyProcess } from '@/lib/sysbox/services';
import type { HostSnapshot, SysboxProcess } from '@/lib/sysbox/snapshot';
import { readySnapshot, withFiles } from './support/snapshots';

const T = '2026-11-29T12:00:00.000Z';
const mgr = (exe: SysboxProcess['exe'], pid = 901): SysboxProcess => ({ pid, comm: 'sysbox-mgr', startedAt: T, exe });
const fs = (exe: SysboxProcess['exe'], pid = 902): SysboxProcess => ({ pid, comm: 'sysbox-fs', startedAt: T, exe });
const real = { mgr: mgr({ ok: true, value: '/usr/bin/sysbox-mgr' }), fs: fs({ ok: true, value: '/usr/bin/sysbox-fs' }) };

function services(processes: SysboxProcess[], root = '/'): Check {
  const base = readySnapshot();
  const s: HostSnapshot = withFiles(base, { root, processes: { ok: true, value: processes } });
  const c = evaluateHost(s).checks.find((x) => x.id === 'sysbox.services');
  if (!c) throw new Error('no sysbox.services');
  return c;
}

describe('classifyProcess: the executable, not the name', () => {
  it('accepts /usr/bin/<name> and <HOST_ROOT>/usr/bin/<name>, nothing else', () => {
    expect(classifyProcess(real.mgr, '/host').kind).toBe('installed');
    expect(classifyProcess(mgr({ ok: true, value: '/host/usr/bin/sysbox-mgr' }), '/host/').kind).toBe('installed');
    expect(classifyProcess(mgr({ ok: true, value: '/usr/local/bin/sysbox-mgr' }), '/').kind).toBe('other');
    expect(classifyProcess(mgr({ ok: true, value: '/usr/bin/sysbox-fs' }), '/').kind).toBe('other');
    expect(classifyProcess(mgr({ ok: true, value: '/usr/bin/sysbox-mgr (deleted)' }), '/')).toEqual({
      pid: 901,
      startedAt: T,
      exe: '/usr/bin/sysbox-mgr',
      kind: 'replaced',
    });
    expect(classifyProcess(mgr({ ok: false, reason: '/proc/901/exe: permission denied [EACCES]' }), '/').kind).toBe('unreadable');
  });
});

describe('sysbox.services', () => {
  it('passes when both run the installed binaries, and says so', () => {
    const c = services([real.mgr, real.fs]);
    expect(c.status).toBe('pass');
    expect(c.summary).toBe('sysbox-mgr and sysbox-fs are both running from /usr/bin/sysbox-mgr and /usr/bin/sysbox-fs.');
    expect(c.evidence).toEqual([
      `sysbox-mgr: pid 901 runs /usr/bin/sysbox-mgr, started ${T}`,
      `sysbox-fs: pid 902 runs /usr/bin/sysbox-fs, started ${T}`,
    ]);
  });

  it('a same-named process with another executable is a warning that names it', () => {
    const c = services([mgr({ ok: true, value: '/tmp/decoy/sysbox-mgr' }), real.fs]);
    expect(c).toMatchObject({
      status: 'warn',
      title: 'A process carries a Sysbox name but is not the Sysbox binary',
      summary: 'A process named sysbox-mgr (pid 901) runs /tmp/decoy/sysbox-mgr, not /usr/bin/sysbox-mgr. A name alone does not make it Sysbox.',
    });
    expect(c.fix).toEqual({
      text: 'Find out what /tmp/decoy/sysbox-mgr is; if Sysbox is installed, its services run /usr/bin/sysbox-mgr.',
      commands: ['ls -l /proc/901/exe', 'sudo systemctl restart sysbox', 'systemctl status sysbox sysbox-mgr sysbox-fs --no-pager'],
    });
    expect(c.evidence[0]).toBe(`sysbox-mgr: pid 901 runs /tmp/decoy/sysbox-mgr, not /usr/bin/sysbox-mgr, started ${T}`);
  });

  it('two decoys (the issue’s case) do not pass', () => {
    const c = services([mgr({ ok: true, value: '/bin/sleep' }), fs({ ok: true, value: '/bin/sleep' })]);
    expect(c.status).toBe('warn');
    expect(c.summary).toBe(
      'A process named sysbox-mgr (pid 901) runs /bin/sleep, not /usr/bin/sysbox-mgr; a process named sysbox-fs (pid 902) runs /bin/sleep, not /usr/bin/sysbox-fs. A name alone does not make it Sysbox.',
    );
  });

  it('a decoy next to the real service does not hide it: the real one counts, the decoy is in the evidence', () => {
    const c = services([mgr({ ok: true, value: '/tmp/x/sysbox-mgr' }, 5000), real.mgr, real.fs]);
    expect(c.status).toBe('pass');
    expect(c.evidence).toContain(`sysbox-mgr: pid 5000 runs /tmp/x/sysbox-mgr, not /usr/bin/sysbox-mgr, started ${T}`);
    expect(evaluateHost(withFiles(readySnapshot(), { processes: { ok: true, value: [mgr({ ok: true, value: '/tmp/x/sysbox-mgr' }, 5000), real.mgr, real.fs] } })).facts.sysbox.services['sysbox-mgr']).toEqual({
      running: true,
      pid: 901,
      startedAt: T,
      exe: '/usr/bin/sysbox-mgr',
      executable: 'installed',
    });
  });

  it('an executable replaced since start is a warning that a restart is pending', () => {
    const c = services([mgr({ ok: true, value: '/usr/bin/sysbox-mgr (deleted)' }), fs({ ok: true, value: '/usr/bin/sysbox-fs (deleted)' })]);
    expect(c).toMatchObject({
      status: 'warn',
      title: 'Sysbox was upgraded: a restart is pending',
      summary:
        'sysbox-mgr and sysbox-fs run an executable that was replaced on disk since they started (an upgrade): the old code runs until the services restart.',
    });
    expect(c.fix?.commands).toEqual(['sudo systemctl restart sysbox', 'systemctl status sysbox sysbox-mgr sysbox-fs --no-pager']);
  });

  it('an unreadable link is unknown, never pass', () => {
    const c = services([mgr({ ok: false, reason: '/proc/901/exe: permission denied [EACCES]' }), real.fs]);
    expect(c.status).toBe('unknown');
    expect(c.summary).toBe(
      'Processes named sysbox-mgr run, but their executable could not be read, so they are not known to be Sysbox (run the dashboard as root).',
    );
    expect(c.evidence[0]).toBe(`sysbox-mgr: pid 901, executable unknown (/proc/901/exe: permission denied [EACCES]), started ${T}`);
  });
});
