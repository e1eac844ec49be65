import { z } from 'zod';
import { KASM_USER_ID, type KasmUserFact } from './kasm-user';

/**
 * The host folder of a volume mapping: which filesystem holds it and who owns
 * it (issue #11 item 2). The probe (lib/server/host-path.ts) reads the host's
 * mountinfo and `lstat`s the path under HOST_ROOT; everything here is pure.
 *
 * Why the filesystem matters: 1000/1000 only works when Sysbox
 * ID-maps the bind mount, and sysbox-libs `idMap.IDMapMountSupportedOnPath`
 * refuses that on FUSE (0x65735546: rclone, sshfs), overlayfs, and tmpfs below
 * kernel 6.3 (its `idMapMountFsBlackList`); the kernel itself refuses ID-mapped
 * mounts on filesystems without FS_ALLOW_IDMAP, which NFS and CIFS/SMB lack.
 * There the files show as nobody:nogroup inside the container
 * (nestybox/sysbox#831: NFS under sysbox-runc, everything `nobody:nogroup`;
 * nestybox/sysbox#535: the ID-mapped mount limitations). A folder owned by
 * kasm-user's host ids is never shifted and works on all of them.
 */

/** One line of /proc/<pid>/mountinfo (proc(5)): the fields this dashboard needs. */
export interface MountEntry {
  mountPoint: string;
  fsType: string;
  source: string;
}

/** Undo the octal escapes the kernel writes in mountinfo paths (`\040` space, `\011` tab, `\012` newline, `\134` backslash). */
export function unescapeMountField(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/**
 * Parses mountinfo: `id parent major:minor root mountpoint options [optional...] - fstype source superoptions`.
 * Lines that do not have that shape are skipped (counted in `skipped`, never guessed at).
 */
export function parseMountinfo(text: string): { mounts: MountEntry[]; skipped: number } {
  const mounts: MountEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split(' ');
    const sep = fields.indexOf('-', 6);
    const mountPoint = fields[4];
    const fsType = fields[sep + 1];
    const source = fields[sep + 2];
    if (sep < 0 || mountPoint === undefined || fsType === undefined || source === undefined || !mountPoint.startsWith('/')) {
      skipped += 1;
      continue;
    }
    mounts.push({ mountPoint: unescapeMountField(mountPoint), fsType: unescapeMountField(fsType), source: unescapeMountField(source) });
  }
  return { mounts, skipped };
}

/** The mount holding `p` (absolute, normalised): longest mount-point prefix; the last such line wins (a later mount hides an earlier one on the same point). */
export function mountOf(mounts: readonly MountEntry[], p: string): MountEntry | null {
  let best: MountEntry | null = null;
  let bestLen = -1;
  for (const m of mounts) {
    const mp = m.mountPoint.length > 1 ? m.mountPoint.replace(/\/+$/, '') : m.mountPoint;
    const inside = mp === '/' || p === mp || p.startsWith(`${mp}/`);
    if (inside && mp.length >= bestLen) {
      best = m;
      bestLen = mp.length;
    }
  }
  return best;
}

/** Filesystems whose folders cannot be ID-mapped because they live elsewhere (network) or in a user-space daemon (FUSE). */
const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', '9p', 'ceph', 'glusterfs', 'afs', 'lustre']);

/** Whether a mountinfo fstype is a network (or FUSE, e.g. fuse.rclone, fuse.sshfs) filesystem. */
export function isNetworkFs(fsType: string): boolean {
  return NETWORK_FS.has(fsType) || fsType === 'fuse' || fsType.startsWith('fuse.');
}

export class HostPathError extends Error {}

/**
 * The part of a volume mapping's host path that is the same for every user:
 * normalised, cut before the first segment holding `{username}` or `{user_id}`.
 * Throws HostPathError for a relative path or one with a `..` segment (never
 * let request input climb out of HOST_ROOT).
 */
export function staticHostPath(hostPath: string): string {
  if (!hostPath.startsWith('/')) throw new HostPathError('the host path must be absolute');
  if (hostPath.includes('\0')) throw new HostPathError('the host path contains a NUL byte');
  const segments = hostPath.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new HostPathError('the host path must not contain ".." segments');
  const cut = segments.findIndex((s) => /\{(username|user_id)\}/.test(s));
  return `/${(cut < 0 ? segments : segments.slice(0, cut)).join('/')}`;
}

export const hostPathFactSchema = z.object({
  /** The path asked about. */
  requested: z.string(),
  /** The path actually looked at: the static part or its nearest existing parent (null when nothing could be looked at). */
  checkedPath: z.string().nullable(),
  /** Whether the static part itself exists (null when unknown). */
  exists: z.boolean().nullable(),
  fsType: z.string().nullable(),
  mountPoint: z.string().nullable(),
  owner: z.object({ uid: z.number().int(), gid: z.number().int() }).nullable(),
  network: z.boolean().nullable(),
  /** Why something is unknown (not visible, unreadable, a symlink not followed); null when everything was read. */
  unknownReason: z.string().nullable(),
});
export type HostPathFact = z.infer<typeof hostPathFactSchema>;

export interface HostPathNote {
  id: 'host-path.fs' | 'host-path.unknown' | 'host-path.network-1000' | 'host-path.owner' | 'host-path.missing';
  severity: 'info' | 'warning';
  message: string;
}

/**
 * What an admin should know about the host folder for the ids the mapping
 * uses: its filesystem and owner; a warning when it is a network filesystem
 * and the ids are 1000/1000; a hint when the owner is neither kasm-user's host
 * ids nor 1000 (Kasm chowns the folder to the mapping's ids unless skip_check).
 */
export function judgeHostPath(fact: HostPathFact, ids: { uid: number | null; gid: number | null }, kasmUser: KasmUserFact | null): HostPathNote[] {
  const notes: HostPathNote[] = [];
  if (fact.checkedPath === null || fact.fsType === null) {
    notes.push({ id: 'host-path.unknown', severity: 'info', message: `Filesystem and owner of ${fact.requested} unknown: ${fact.unknownReason ?? 'not visible to the dashboard'}.` });
    return notes;
  }
  const owner = fact.owner ? `${fact.owner.uid}:${fact.owner.gid}` : 'unknown';
  notes.push({ id: 'host-path.fs', severity: 'info', message: `${fact.checkedPath}: ${fact.fsType} filesystem, owned by ${owner}` });
  if (fact.exists === false)
    notes.push({ id: 'host-path.missing', severity: 'info', message: `${staticOrRequested(fact)} does not exist yet; ${fact.checkedPath} is its nearest existing parent (Kasm creates the folder when the session starts, unless skip_check).` });
  if (fact.network === true && ids.uid === KASM_USER_ID && ids.gid === KASM_USER_ID) {
    const right = kasmUser && kasmUser.uid !== null && kasmUser.gid !== null ? ` use kasm-user's host ids ${kasmUser.uid}/${kasmUser.gid} instead` : ' use kasm-user\'s host ids (sysbox subuid start + 1000) instead';
    notes.push({
      id: 'host-path.network-1000',
      severity: 'warning',
      message: `${fact.checkedPath} is on ${fact.fsType}, which Sysbox cannot ID-map: with uid/gid 1000/1000 kasm-user sees the files as nobody:nogroup and cannot write;${right}.`,
    });
  }
  if (fact.owner && fact.exists === true) {
    const { uid, gid } = fact.owner;
    const isKasm = kasmUser !== null && uid === kasmUser.uid && gid === kasmUser.gid;
    const is1000 = uid === KASM_USER_ID && gid === KASM_USER_ID;
    const isIds = uid === ids.uid && gid === ids.gid;
    if (!isKasm && !is1000 && !isIds)
      notes.push({
        id: 'host-path.owner',
        severity: 'info',
        message: `${fact.checkedPath} is owned by ${uid}:${gid}, neither kasm-user's host ids nor 1000: Kasm chowns it to the mapping's uid/gid when a session starts, unless skip_check is set.`,
      });
  }
  return notes;
}

function staticOrRequested(fact: HostPathFact): string {
  try {
    return staticHostPath(fact.requested);
  } catch (err) {
    if (err instanceof HostPathError) return fact.requested;
    throw err;
  }
}
