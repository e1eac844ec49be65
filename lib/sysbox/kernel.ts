/**
 * Kernel rules for Sysbox (sources below): minimum 5.15 per Kasm's guide,
 * shiftfs for 5.15–6.3, ID-mapped mounts from 5.12, overlayfs on them from
 * 5.19, ID-mapped tmpfs from 6.3; Kasm recommends 6.5.
 */
export interface KernelVersion {
  major: number;
  minor: number;
  patch: number;
  raw: string;
}

export const KERNEL_MIN = { major: 5, minor: 15 } as const;
export const KERNEL_IDMAPPED = { major: 5, minor: 12 } as const;
export const KERNEL_OVERLAY_IDMAPPED = { major: 5, minor: 19 } as const;
export const KERNEL_TMPFS_IDMAPPED = { major: 6, minor: 3 } as const;
export const KERNEL_RECOMMENDED = { major: 6, minor: 5 } as const;

/**
 * Sysbox's kernel matrix (nestybox/sysbox docs/distro-compat.md "Shiftfs
 * Requirement" and docs/user-guide/design.md "ID-mapped mounts"): ID-mapped
 * bind mounts from 5.12, overlayfs on ID-mapped mounts from 5.19, ID-mapped
 * tmpfs from 6.3; below 6.3 shiftfs is recommended, and it is offered only on
 * Ubuntu, Debian and Flatcar (an out-of-tree module other distros do not ship).
 * 5.15 is Kasm's minimum (its Sysbox guide); Sysbox's own floor is lower
 * (5.4/5.5 on its packaged distros, per the same table).
 */
export const SHIFTFS_DISTROS: readonly string[] = ['ubuntu', 'debian', 'flatcar'];

/** Is shiftfs an option on this distro (os-release ID)? null when the distro is unknown. */
export function shiftfsOffered(osId: string | null): boolean | null {
  return osId === null ? null : SHIFTFS_DISTROS.includes(osId);
}

/** The ID-mapping features this kernel lacks, as an admin reads them. */
export function missingIdMapFeatures(v: KernelVersion): string[] {
  const out: string[] = [];
  if (!kernelAtLeast(v, KERNEL_IDMAPPED)) out.push('ID-mapped bind mounts (5.12)');
  if (!kernelAtLeast(v, KERNEL_OVERLAY_IDMAPPED)) out.push('overlayfs on ID-mapped mounts (5.19)');
  if (!kernelAtLeast(v, KERNEL_TMPFS_IDMAPPED)) out.push('ID-mapped tmpfs (6.3)');
  return out;
}

/** "6.5.0-1020-aws" → {6,5,0}; null when it does not start with digits.digits. */
export function parseKernelVersion(raw: string | null | undefined): KernelVersion | null {
  if (!raw) return null;
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(raw);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), raw: raw.trim() };
}

export function kernelAtLeast(v: KernelVersion, min: { major: number; minor: number }): boolean {
  return v.major > min.major || (v.major === min.major && v.minor >= min.minor);
}

export type ShiftfsState = 'loaded' | 'available' | 'absent';
export type IdShiftMechanism = 'idmapped-mounts' | 'shiftfs' | 'none';

export interface KernelFeatures {
  idMappedMounts: boolean;
  overlayfsOnIdMapped: boolean;
  tmpfsIdMapped: boolean;
}

export function kernelFeatures(v: KernelVersion): KernelFeatures {
  return {
    idMappedMounts: kernelAtLeast(v, KERNEL_IDMAPPED),
    overlayfsOnIdMapped: kernelAtLeast(v, KERNEL_OVERLAY_IDMAPPED),
    tmpfsIdMapped: kernelAtLeast(v, KERNEL_TMPFS_IDMAPPED),
  };
}

/**
 * What Sysbox will use to shift IDs. It prefers ID-mapped mounts; it needs
 * shiftfs for the container's rootfs when overlayfs cannot sit on ID-mapped
 * mounts (< 5.19); with neither it falls back to chown-ing the image.
 */
export function idShiftMechanism(f: KernelFeatures, shiftfs: ShiftfsState | null): IdShiftMechanism | null {
  if (f.idMappedMounts && f.overlayfsOnIdMapped) return 'idmapped-mounts';
  if (shiftfs === 'loaded' || shiftfs === 'available') return 'shiftfs';
  if (shiftfs === null) return null;
  return f.idMappedMounts ? 'idmapped-mounts' : 'none';
}

/** shiftfs from /proc/modules, /proc/filesystems, /sys/module and modules.dep. null when nothing could be read. */
export function shiftfsState(input: {
  procModules: string | null;
  procFilesystems: string | null;
  sysModule: boolean | null;
  modulesDep: string | null;
}): ShiftfsState | null {
  const inModules = input.procModules === null ? null : /^shiftfs\s/m.test(input.procModules);
  const inFs = input.procFilesystems === null ? null : /\sshiftfs\s*$/m.test(input.procFilesystems);
  if (inModules || inFs || input.sysModule) return 'loaded';
  if (input.modulesDep !== null && /shiftfs\.ko/.test(input.modulesDep)) return 'available';
  if (inModules === null && inFs === null && input.sysModule === null) return null;
  return 'absent';
}
