import { describe, expect, it } from 'vitest';
import type { Check } from '@/lib/sysbox/check';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import type { HostSnapshot } from '@/lib/sysbox/snapshot';
import { missing, ok, readySnapshot, withFiles, withInfo } from './support/snapshots';

function kernel(s: HostSnapshot): Check {
  const c = evaluateHost(s).checks.find((x) => x.id === 'kernel.version');
  if (!c) throw new Error('no kernel.version');
  return c;
}
const noShiftfs = { procModules: ok('overlay 1 0 - Live 0x0\n'), procFilesystems: ok('nodev\tproc\n'), sysModuleShiftfs: missing, modulesDepShiftfs: ok('') };

describe('kernel.version wording follows Sysbox’s matrix', () => {
  it('below 5.15: Kasm’s minimum, Sysbox’s own floor is lower', () => {
    expect(kernel(withInfo(readySnapshot(), { KernelVersion: '5.10.0-28-amd64' })).summary).toBe(
      '5.15 is Kasm’s minimum for Sysbox Workspaces (Kasm’s guide; Sysbox’s own floor is lower, but Kasm does not support it there). Kasm recommends 6.5.',
    );
  });

  it('5.15 on Ubuntu without shiftfs: names what the kernel lacks and recommends shiftfs', () => {
    const c = kernel(withFiles(withInfo(readySnapshot(), { KernelVersion: '5.15.0-91-generic' }), noShiftfs));
    expect(c.status).toBe('warn');
    expect(c.title).toBe('Kernel 5.15.0-91-generic: shiftfs is recommended and not installed');
    expect(c.summary).toBe(
      'This kernel lacks overlayfs on ID-mapped mounts (5.19) and ID-mapped tmpfs (6.3). Below 6.3 Sysbox recommends shiftfs (offered on Ubuntu, Debian and Flatcar; Kasm’s guide: “Install shiftfs”), or upgrade to 6.5.',
    );
  });

  it('6.1 on Fedora: shiftfs is not offered there, so upgrade the kernel', () => {
    const c = kernel(
      withFiles(withInfo(readySnapshot(), { KernelVersion: '6.1.9-200.fc37.x86_64' }), { ...noShiftfs, osReleaseFile: ok('ID=fedora\nVERSION_ID=37\n') }),
    );
    expect(c).toMatchObject({
      status: 'warn',
      title: 'Kernel 6.1.9-200.fc37.x86_64 lacks ID-mapped tmpfs, and shiftfs is not offered on fedora',
      summary: 'This kernel lacks ID-mapped tmpfs (6.3). Below 6.3 Sysbox recommends shiftfs, which is offered only on Ubuntu, Debian and Flatcar: upgrade the kernel to 6.5 (Kasm’s recommendation) instead.',
    });
    expect(c.fix?.commands?.join('\n')).not.toContain('shiftfs');
  });

  it('5.15 with shiftfs loaded passes and says why', () => {
    expect(kernel(withInfo(readySnapshot(), { KernelVersion: '5.15.0-91-generic' })).summary).toBe(
      'This kernel lacks overlayfs on ID-mapped mounts (5.19) and ID-mapped tmpfs (6.3); below 6.3 Sysbox recommends shiftfs, and it is loaded. Kasm recommends 6.5.',
    );
  });

  it('from 6.3 no shiftfs is needed', () => {
    expect(kernel(withInfo(readySnapshot(), { KernelVersion: '6.18.44' })).summary).toBe(
      'From 6.3 the kernel ID-maps bind mounts (5.12), overlayfs (5.19) and tmpfs (6.3): Sysbox needs no shiftfs.',
    );
  });
});
