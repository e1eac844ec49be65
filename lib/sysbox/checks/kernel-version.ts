import { DOCS, check, type Check } from '../check';
import { KERNEL_MIN, KERNEL_RECOMMENDED, KERNEL_TMPFS_IDMAPPED, SHIFTFS_DISTROS, kernelAtLeast, missingIdMapFeatures, shiftfsOffered } from '../kernel';
import { parseOsRelease } from '../os';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';
import { shiftfsEvidence, type KernelFacts } from './kernel-facts';
import { text, why } from './shared';

/**
 * Kasm's guide (https://kasmweb.com/docs/latest/how_to/sysbox_runtime.html)
 * sets 5.15 as the minimum and recommends 6.5; below 6.3 Sysbox recommends
 * shiftfs (sysbox docs/distro-compat.md).
 */
function kernelVersionCheck(s: HostSnapshot, k: KernelFacts): Check {
  if (!k.version) {
    return check('kernel.version', true, 'unknown', 'Kernel version unknown', 'Neither Docker nor /proc/sys/kernel/osrelease gave a kernel version.', [
      s.docker.ok ? '/info KernelVersion: unparseable' : `Docker: ${s.docker.reason}`,
      why(s.files?.kernelOsrelease, '/proc/sys/kernel/osrelease'),
    ]);
  }
  const v = k.version;
  const ev = [`${k.source}: ${v.raw}`, shiftfsEvidence(s.files, k.shiftfs)];
  const min = `${KERNEL_MIN.major}.${KERNEL_MIN.minor}`;
  const recommended = `${KERNEL_RECOMMENDED.major}.${KERNEL_RECOMMENDED.minor}`;
  if (!kernelAtLeast(v, KERNEL_MIN)) {
    return check(
      'kernel.version',
      true,
      'fail',
      `Kernel ${v.raw} is too old`,
      `${min} is Kasm’s minimum for Sysbox Workspaces (Kasm’s guide; Sysbox’s own floor is lower, but Kasm does not support it there). Kasm recommends ${recommended}.`,
      ev,
      {
        fix: { text: 'Upgrade the kernel (Ubuntu 22.04: the HWE kernel), then reboot.', commands: ['sudo apt-get install -y --install-recommends linux-generic-hwe-22.04', 'sudo reboot'] },
        docs: DOCS.kasmGuide,
      },
    );
  }
  if (!kernelAtLeast(v, KERNEL_TMPFS_IDMAPPED)) {
    const lacks = missingIdMapFeatures(v).join(' and ');
    const osId = parseOsRelease(text(s.files?.osReleaseFile) ?? '').id;
    const offered = shiftfsOffered(osId);
    ev.push(`os-release ID: ${osId ?? 'unknown'} (shiftfs is offered on ${SHIFTFS_DISTROS.join(', ')})`);
    if (k.shiftfs === 'loaded') {
      return check(
        'kernel.version',
        true,
        'pass',
        `Kernel ${v.raw} with shiftfs loaded`,
        `This kernel lacks ${lacks}; below 6.3 Sysbox recommends shiftfs, and it is loaded. Kasm recommends ${recommended}.`,
        ev,
        { docs: DOCS.sysboxDistro },
      );
    }
    if (offered === false) {
      return check(
        'kernel.version',
        true,
        'warn',
        `Kernel ${v.raw} lacks ID-mapped tmpfs, and shiftfs is not offered on ${osId ?? 'this distro'}`,
        `This kernel lacks ${lacks}. Below 6.3 Sysbox recommends shiftfs, which is offered only on Ubuntu, Debian and Flatcar: upgrade the kernel to ${recommended} (Kasm’s recommendation) instead.`,
        ev,
        { fix: { text: `Install a ${recommended} or newer kernel from your distribution, then reboot.`, commands: ['uname -r', 'sudo reboot'] }, docs: DOCS.sysboxDistro },
      );
    }
    return check(
      'kernel.version',
      true,
      'warn',
      `Kernel ${v.raw}: shiftfs is recommended and ${k.shiftfs === null ? 'its state is unknown' : k.shiftfs === 'available' ? 'not loaded' : 'not installed'}`,
      `This kernel lacks ${lacks}. Below 6.3 Sysbox recommends shiftfs (offered on Ubuntu, Debian and Flatcar; Kasm’s guide: “Install shiftfs”), or upgrade to ${recommended}.`,
      ev,
      {
        fix: {
          text: k.shiftfs === 'available' ? 'Load the shiftfs module.' : 'Install shiftfs (Kasm guide, “Install shiftfs”), then reboot.',
          commands:
            k.shiftfs === 'available'
              ? ['sudo modprobe shiftfs', 'echo shiftfs | sudo tee /etc/modules-load.d/shiftfs.conf']
              : [
                  'sudo apt-get update && sudo apt-get install -y make dkms git wget',
                  'git clone -b k5.16 https://github.com/toby63/shiftfs-dkms.git shiftfs-k516',
                  'cd shiftfs-k516 && ./update1 && sudo make -f Makefile.dkms',
                  'modinfo shiftfs',
                ],
        },
        docs: DOCS.kasmGuide,
      },
    );
  }
  const rec = kernelAtLeast(v, KERNEL_RECOMMENDED) ? '' : ` Kasm recommends ${recommended}.`;
  return check(
    'kernel.version',
    true,
    'pass',
    `Kernel ${v.raw} is new enough`,
    `From 6.3 the kernel ID-maps bind mounts (5.12), overlayfs (5.19) and tmpfs (6.3): Sysbox needs no shiftfs.${rec}`,
    ev,
    { docs: DOCS.sysboxDistro },
  );
}

export const kernelVersionHostCheck: HostCheck = { id: 'kernel.version', evaluate: (ctx) => kernelVersionCheck(ctx.snapshot, ctx.kernel) };
