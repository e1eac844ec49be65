import { z } from 'zod';
import type { IdMapEntry } from './container-schema';
import { isIdentityMap, mapToHost } from './idmap';
import { sysboxRange } from './subid';

/**
 * kasm-user's host identity on one host: the ONE place that knows how
 * container uid/gid 1000 becomes a host uid/gid. Everything else (generators,
 * linter, container findings, the Overview, the container detail, the fleet
 * row, the browser) consumes `facts.kasmUser` or these helpers; no other code
 * adds or subtracts 1000 (issue #11).
 *
 * Why subuid start + 1000 is the right volume-mapping owner on every host
 * (Kasm's guide uses start+1000 for volume mappings), from sysbox-runc libcontainer/container_linux.go:
 * - `needUidShiftOnBindSrc` returns false (no shift) when the bind source's
 *   uid AND gid lie inside the container's mapped range [hostUid, hostUid+size)
 *   (the uid/gid mappings with ContainerID 0 and their summed Size);
 * - `setupIDMappedMounts` only ID-maps a bind mount when
 *   sysbox-libs `idMap.IDMapMountSupportedOnPath(m.Source)` says the source's
 *   filesystem supports it (not FUSE, not NFS/CIFS, not overlayfs < 5.19,
 *   not tmpfs < 6.3), and the kernel has ID-mapped mounts (>= 5.12);
 *   otherwise shiftfs when loaded, otherwise nothing (files show as nobody).
 * So a folder owned by start+1000 is never shifted and is kasm-user's inside,
 * on every kernel and filesystem; 1000/1000 only works through rule 2.
 */
export const KASM_USER_ID = 1000;

const nullableId = z.number().int().nonnegative().nullable();

export const kasmUserFactSchema = z.object({
  uid: nullableId,
  gid: nullableId,
  rangeStart: z.object({ uid: nullableId, gid: nullableId }),
  source: z.enum(['live-map', 'subuid', 'per-container', 'unknown']),
  explanation: z.string(),
});
export type KasmUserFact = {
  uid: number | null;
  gid: number | null;
  rangeStart: { uid: number | null; gid: number | null };
  source: 'live-map' | 'subuid' | 'per-container' | 'unknown';
  explanation: string;
};

/** One running sysbox-runc container's live /proc/<pid>/uid_map and gid_map. */
export interface LiveIdMap {
  name: string;
  uid: readonly IdMapEntry[];
  gid: readonly IdMapEntry[];
}

export interface KasmUserInput {
  /** Text of /etc/subuid and /etc/subgid; null when unreadable or not visible. */
  subuid: string | null;
  subgid: string | null;
  /** Maps of the running sysbox-runc containers that could be read (may be empty). */
  liveMaps: readonly LiveIdMap[];
  /** Whether this kernel does ID-mapped mounts (>= 5.12); null when unknown. Only used in the explanation. */
  idMappedMounts?: boolean | null;
}

/** kasm-user's host id for a range starting at `start` (no shifting: the file owner Sysbox leaves alone). */
function kasmUserOf(start: number): number {
  return start + KASM_USER_ID;
}

/** "231072 + 1000 = 232072" for one range start. */
export function kasmUserArithmetic(start: number): string {
  return `${start} + ${KASM_USER_ID} = ${kasmUserOf(start)}`;
}

function idPair(uid: number | null, gid: number | null): string {
  if (uid === gid) return `uid/gid ${uid ?? 'unknown'}`;
  return `uid ${uid ?? 'unknown'}, gid ${gid ?? 'unknown'}`;
}

const SHARED_FS_RULE =
  'A host folder owned by these ids is seen as kasm-user inside every Sysbox container, on every kernel and filesystem (Sysbox does not shift a bind mount whose owner lies in the container\'s range).';

/**
 * A fact from a known range start (the sysbox lines of /etc/subuid and
 * /etc/subgid, or values the admin typed in for a host the dashboard cannot see).
 */
export function kasmUserFromRange(uidStart: number | null, gidStart: number | null, origin = 'the sysbox line of /etc/subuid and /etc/subgid'): KasmUserFact {
  if (uidStart === null && gidStart === null) return unknownFact(`${origin} could not be read`);
  const uid = uidStart === null ? null : kasmUserOf(uidStart);
  const gid = gidStart === null ? null : kasmUserOf(gidStart);
  const arith = [uidStart !== null ? `uid ${kasmUserArithmetic(uidStart)}` : 'uid unknown', gidStart !== null ? `gid ${kasmUserArithmetic(gidStart)}` : 'gid unknown'].join(', ');
  return {
    uid,
    gid,
    rangeStart: { uid: uidStart, gid: gidStart },
    source: 'subuid',
    explanation: `kasm-user (container uid 1000) is host ${idPair(uid, gid)}: Sysbox maps container root to the start of ${origin} (${arith}). ${SHARED_FS_RULE}`,
  };
}

function unknownFact(why: string): KasmUserFact {
  return {
    uid: null,
    gid: null,
    rangeStart: { uid: null, gid: null },
    source: 'unknown',
    explanation: `kasm-user's host uid/gid is unknown: ${why}, and no running Sysbox container's ID map could be read. Type the sysbox subuid/subgid start in (the sysbox line of /etc/subuid and /etc/subgid).`,
  };
}

interface LiveIds {
  name: string;
  uid: number;
  gid: number;
  rootUid: number;
  rootGid: number;
}

function liveIds(m: LiveIdMap): LiveIds | null {
  if (isIdentityMap(m.uid)) return null;
  const uid = mapToHost(m.uid, KASM_USER_ID);
  const gid = mapToHost(m.gid, KASM_USER_ID);
  const rootUid = mapToHost(m.uid, 0);
  const rootGid = mapToHost(m.gid, 0);
  if (uid === null || gid === null || rootUid === null || rootGid === null) return null;
  return { name: m.name, uid, gid, rootUid, rootGid };
}

/**
 * kasm-user's host uid/gid on one host, from the probe's facts. The live map
 * of a running Sysbox container is the truth when there is one; /etc/subuid
 * and /etc/subgid otherwise; `unknown` (no number invented) when neither.
 */
export function evaluateKasmUser(input: KasmUserInput): KasmUserFact {
  const fileUid = input.subuid !== null ? (sysboxRange(input.subuid)?.start ?? null) : null;
  const fileGid = input.subgid !== null ? (sysboxRange(input.subgid)?.start ?? null) : null;
  const live = input.liveMaps.map(liveIds).filter((x): x is LiveIds => x !== null);
  const distinct = [...new Map(live.map((l) => [`${l.uid}:${l.gid}`, l])).values()];

  if (distinct.length > 1) {
    const shown = distinct
      .slice(0, 3)
      .map((l) => `${l.name} ${idPair(l.uid, l.gid)}`)
      .join('; ');
    const idm =
      input.idMappedMounts === false
        ? ' This kernel has no ID-mapped mounts, so no volume mapping fits every session here.'
        : '';
    return {
      uid: null,
      gid: null,
      rangeStart: { uid: fileUid, gid: fileGid },
      source: 'per-container',
      explanation: `Running Sysbox containers have different ID maps (${shown}${distinct.length > 3 ? '; ...' : ''}): this Sysbox (Sysbox-EE, or Docker Desktop's Enhanced Container Isolation) gives each container its own range, so no single uid/gid fits every session. Only 1000/1000 on a host folder whose filesystem supports ID-mapped mounts (local ext4, xfs or btrfs; not NFS or CIFS) works for all of them.${idm}`,
    };
  }

  const one = distinct[0];
  if (one) {
    const disagree: string[] = [];
    if (fileUid !== null && fileUid !== one.rootUid) disagree.push(`/etc/subuid says ${fileUid}`);
    if (fileGid !== null && fileGid !== one.rootGid) disagree.push(`/etc/subgid says ${fileGid}`);
    const note =
      disagree.length > 0
        ? ` The files disagree (${disagree.join(', ')}): the range changed after this container started; the live map is what running sessions use, and new sessions get the new range after Sysbox restarts.`
        : '';
    return {
      uid: one.uid,
      gid: one.gid,
      rangeStart: { uid: one.rootUid, gid: one.rootGid },
      source: 'live-map',
      explanation: `kasm-user (container uid 1000) is host ${idPair(one.uid, one.gid)}, read from the live uid_map/gid_map of running Sysbox container ${one.name} (root is host ${idPair(one.rootUid, one.rootGid)}). ${SHARED_FS_RULE}${note}`,
    };
  }

  if (fileUid === null && fileGid === null) {
    const why = input.subuid === null ? '/etc/subuid could not be read' : 'there is no single sysbox line in /etc/subuid and /etc/subgid';
    return unknownFact(why);
  }
  return kasmUserFromRange(fileUid, fileGid);
}

/** Where the numbers came from, in a few words with the host's own numbers. */
export function kasmUserSource(fact: KasmUserFact): string {
  if (fact.source === 'live-map') return 'from a running Sysbox container\'s live ID map';
  if (fact.source === 'subuid') return `sysbox range start ${idPair(fact.rangeStart.uid, fact.rangeStart.gid).replace('uid/gid ', '')} + 1000`;
  if (fact.source === 'per-container') return 'each Sysbox container has its own range';
  return 'unknown';
}

/** The ids a volume mapping carries when the admin opts into 1000/1000 (ID-mapped bind mounts). */
export const OPT_IN_IDS = { uid: KASM_USER_ID, gid: KASM_USER_ID } as const;

/**
 * The "chown by hand" command for a host folder (skip_check also skips Kasm's
 * chown), with this host's numbers; null when they are unknown.
 */
export function chownCommand(fact: Pick<KasmUserFact, 'uid' | 'gid'>, hostPath: string): string | null {
  if (fact.uid === null || fact.gid === null) return null;
  return `sudo chown ${fact.uid}:${fact.gid} '${hostPath.replace(/'/g, "'\\''")}'`;
}

/**
 * The warning for the 1000/1000 opt-in: it only works when Sysbox ID-maps the
 * bind mount (sysbox-runc setupIDMappedMounts + sysbox-libs
 * idMap.IDMapMountSupportedOnPath): kernel >= 5.12 and a local filesystem that
 * supports it; NFS/CIFS fail or show nobody (Sysbox issues #624, #831).
 */
export function optInWarning(fact: Pick<KasmUserFact, 'uid' | 'gid'> | null, idMappedMounts: boolean | null): string {
  const right = fact && fact.uid !== null && fact.gid !== null ? ` ${fact.uid}/${fact.gid} (kasm-user's host ids here) works on every filesystem.` : '';
  const kernel = idMappedMounts === false ? " This host's kernel cannot ID-map bind mounts, so it fails here." : '';
  return `uid/gid 1000/1000 under Sysbox works only when Sysbox ID-maps the bind mount: the host folder is on a local ext4, xfs or btrfs filesystem and the kernel does ID-mapped mounts (5.12+). On NFS or CIFS the mount fails or kasm-user sees the files as nobody.${kernel}${right}`;
}

/** Given ids win; missing ones come from the fact; what is still missing is named. */
export function resolveMappingIds<T>(given: { uid?: T | undefined; gid?: T | undefined }, fact: KasmUserFact | null, as: (n: number) => T): { uid: T | null; gid: T | null; missing: ('uid' | 'gid')[] } {
  const uid = given.uid !== undefined ? given.uid : fact && fact.uid !== null ? as(fact.uid) : null;
  const gid = given.gid !== undefined ? given.gid : fact && fact.gid !== null ? as(fact.gid) : null;
  const missing: ('uid' | 'gid')[] = [];
  if (uid === null) missing.push('uid');
  if (gid === null) missing.push('gid');
  return { uid, gid, missing };
}
