import { DOCS, check, type Check } from '../check';
import { kernelFeatures } from '../kernel';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';
import { shiftfsEvidence, type KernelFacts } from './kernel-facts';

/**
 * How Sysbox will shift user IDs on this kernel: ID-mapped mounts (5.12, on
 * overlayfs from 5.19, tmpfs from 6.3) or shiftfs (sysbox docs/distro-compat.md;
 * sysbox-runc libcontainer/container_linux.go setupIDMappedMounts).
 */
function kernelIdShifting(s: HostSnapshot, k: KernelFacts): Check {
  if (!k.version) {
    return check('kernel.id-shifting', true, 'unknown', 'ID shifting: unknown', 'The kernel version is unknown, so its ID-shifting features are too.', [
      shiftfsEvidence(s.files, k.shiftfs),
    ]);
  }
  const feat = kernelFeatures(k.version);
  const mechanism = k.status.mechanism;
  const yn = (b: boolean) => (b ? 'yes' : 'no');
  const ev = [
    `kernel ${k.version.raw}`,
    `ID-mapped mounts (≥ 5.12): ${yn(feat.idMappedMounts)}`,
    `overlayfs on ID-mapped mounts (≥ 5.19): ${yn(feat.overlayfsOnIdMapped)}`,
    `ID-mapped tmpfs (≥ 6.3): ${yn(feat.tmpfsIdMapped)}`,
    shiftfsEvidence(s.files, k.shiftfs),
  ];
  const uidNote =
    'Sysbox can ID-map bind mounts whose filesystem supports it (local ext4/xfs/btrfs; not NFS, CIFS or FUSE such as the rclone storage plugin). A folder owned by kasm-user\'s host uid/gid (see the Sysbox ID range check) works without any shifting, on every filesystem.';
  if (mechanism === 'idmapped-mounts' && feat.overlayfsOnIdMapped) {
    return check('kernel.id-shifting', true, 'pass', 'Sysbox will shift IDs with ID-mapped mounts', uidNote, ev, { docs: DOCS.sysboxDistro });
  }
  if (mechanism === 'shiftfs') {
    return check('kernel.id-shifting', true, k.shiftfs === 'loaded' ? 'pass' : 'warn', `Sysbox will shift IDs with shiftfs${k.shiftfs === 'loaded' ? '' : ' once it is loaded'}`, uidNote, ev, {
      ...(k.shiftfs === 'loaded' ? {} : { fix: { text: 'Load shiftfs.', commands: ['sudo modprobe shiftfs'] } }),
      docs: DOCS.sysboxDistro,
    });
  }
  if (mechanism === null) {
    return check('kernel.id-shifting', true, 'unknown', 'ID shifting: shiftfs state unknown', 'This kernel needs shiftfs for the container rootfs, and whether it is present could not be read.', ev);
  }
  return check(
    'kernel.id-shifting',
    true,
    mechanism === 'none' ? 'fail' : 'warn',
    mechanism === 'none' ? 'The kernel cannot shift IDs' : 'Only partial ID shifting (no overlayfs on ID-mapped mounts, no shiftfs)',
    'Without shiftfs or a 5.19+ kernel Sysbox chowns every image (slow, more disk) and host files in bind mounts appear as nobody unless owned by the mapped uids.',
    ev,
    { fix: { text: 'Upgrade to a 6.5 kernel or install shiftfs.', commands: ['modinfo shiftfs'] }, docs: DOCS.kasmGuide },
  );
}

export const kernelIdShiftingCheck: HostCheck = { id: 'kernel.id-shifting', evaluate: (ctx) => kernelIdShifting(ctx.snapshot, ctx.kernel) };
