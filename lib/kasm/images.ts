/**
 * The Kasm core images the Sysbox guide names, and what a generator needs to
 * know about an image: its package manager and whether it boots systemd.
 */

export const PACKAGE_MANAGERS = ['apt-get', 'dnf', 'zypper', 'apk'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** Distro families for custom images. Fedora and Alpine core images have no systemd support. */
export const FAMILIES = {
  debian: { label: 'Debian / Ubuntu / Kali / Parrot (apt-get)', packageManager: 'apt-get', systemd: true },
  rhel: { label: 'RHEL / Rocky / Alma / Oracle (dnf)', packageManager: 'dnf', systemd: true },
  suse: { label: 'openSUSE (zypper)', packageManager: 'zypper', systemd: true },
  fedora: { label: 'Fedora (dnf, no systemd in Kasm images)', packageManager: 'dnf', systemd: false },
  alpine: { label: 'Alpine (apk, no systemd)', packageManager: 'apk', systemd: false },
} as const satisfies Record<string, { label: string; packageManager: PackageManager; systemd: boolean }>;
export type Family = keyof typeof FAMILIES;
export const FAMILY_IDS = Object.keys(FAMILIES) as [Family, ...Family[]];

export interface CoreImage {
  distro: string;
  label: string;
  family: Family;
}

/** The 13 Sysbox-ready core images of Kasm's guide (`kasmweb/core-<distro>:<release>`). */
export const CORE_IMAGES: readonly CoreImage[] = [
  { distro: 'ubuntu-jammy', label: 'Ubuntu 22.04 (Jammy)', family: 'debian' },
  { distro: 'ubuntu-focal', label: 'Ubuntu 20.04 (Focal)', family: 'debian' },
  { distro: 'debian-bookworm', label: 'Debian 12 (Bookworm)', family: 'debian' },
  { distro: 'debian-bullseye', label: 'Debian 11 (Bullseye)', family: 'debian' },
  { distro: 'kali-rolling', label: 'Kali Rolling', family: 'debian' },
  { distro: 'parrotos-6', label: 'Parrot OS 6', family: 'debian' },
  { distro: 'almalinux-9', label: 'AlmaLinux 9', family: 'rhel' },
  { distro: 'almalinux-8', label: 'AlmaLinux 8', family: 'rhel' },
  { distro: 'oracle-9', label: 'Oracle Linux 9', family: 'rhel' },
  { distro: 'oracle-8', label: 'Oracle Linux 8', family: 'rhel' },
  { distro: 'rockylinux-9', label: 'Rocky Linux 9', family: 'rhel' },
  { distro: 'rockylinux-8', label: 'Rocky Linux 8', family: 'rhel' },
  { distro: 'opensuse-15', label: 'openSUSE Leap 15', family: 'suse' },
];

export const DEFAULT_RELEASE = '1.16.0';
export const DEFAULT_IMAGE = `kasmweb/core-ubuntu-jammy:${DEFAULT_RELEASE}`;

export function coreImageRef(distro: string, release = DEFAULT_RELEASE): string {
  return `kasmweb/core-${distro}:${release}`;
}

/** The core image an image reference names (any registry prefix or tag), or null. */
export function findCoreImage(image: string): CoreImage | null {
  const m = /(?:^|\/)kasmweb\/core-([a-z0-9-]+?)(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?$/.exec(image.trim());
  if (!m) return null;
  return CORE_IMAGES.find((c) => c.distro === m[1]) ?? null;
}

/** A best guess at a custom image's family from its name (the admin can override it). */
export function guessFamily(image: string): Family | null {
  const core = findCoreImage(image);
  if (core) return core.family;
  const s = image.toLowerCase();
  if (/alpine/.test(s)) return 'alpine';
  if (/fedora/.test(s)) return 'fedora';
  if (/opensuse|suse/.test(s)) return 'suse';
  if (/rocky|alma|oracle|centos|rhel|redhat/.test(s)) return 'rhel';
  if (/ubuntu|debian|kali|parrot|jammy|focal|bookworm|bullseye|noble/.test(s)) return 'debian';
  return null;
}

export interface ImageInfo {
  image: string;
  core: CoreImage | null;
  family: Family;
  packageManager: PackageManager;
  systemd: boolean;
  /** Kasm core images ship sudo already. */
  shipsSudo: boolean;
}

/** What the generators need about an image: an explicit family wins over the name. */
export function imageInfo(image: string, family?: Family | null): ImageInfo {
  const core = findCoreImage(image);
  const fam: Family = family ?? core?.family ?? guessFamily(image) ?? 'debian';
  const f = FAMILIES[fam];
  return { image, core, family: fam, packageManager: f.packageManager, systemd: f.systemd, shipsSudo: core !== null };
}
