import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import type { AuditFinding } from './audit-schema';
import { parseJson, type JsonPath } from './json';
import { show } from './lint-findings';
import { SEVERITY_ORDER, type Finding, type Severity } from './output';

/** What the audit's parts share: the order of findings, where a finding sits in a field, and the uid/gid judgement. */

export const sortFindings = (f: AuditFinding[]) => [...f].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

export function located(text: string | null, path: JsonPath): { line?: number; column?: number } {
  if (text === null) return {};
  const p = parseJson(text);
  const at = p.ok ? p.positionOf(path) : undefined;
  return at ? { line: at.line, column: at.column } : {};
}

export function fromLint(list: Finding[], field: string): AuditFinding[] {
  return list.map((f) => ({ ...f, field }));
}

export const isRootUser = (u: unknown) => u === 0 || u === '0' || u === 'root' || u === '0:0';

export interface Judge {
  host: string;
  kasmUser: KasmUserFact;
}

/**
 * uid/gid of a bind mount under Sysbox: the subuid start + 1000
 * (facts.kasmUser) lies inside the container's ID map, so sysbox-runc's
 * `needUidShiftOnBindSrc` (libcontainer/container_linux.go) leaves it
 * unshifted and it works everywhere; 1000/1000 works only where Sysbox
 * ID-maps the mount (`idMap.IDMapMountSupportedOnPath` in sysbox-libs: a
 * local filesystem with ID-mapped mounts), and never for rclone storage
 * (a FUSE mount: FUSE_SUPER_MAGIC is on sysbox-libs idMap's
 * idMapMountFsBlackList).
 */
export function judgeIds(j: Judge, uid: unknown, gid: unknown, what: string, fuse: boolean): { severity: Severity; message: string } | null {
  const ku = j.kasmUser;
  if (ku.uid === null || ku.gid === null) return null;
  const u = Number(uid);
  const g = Number(gid);
  if (u === ku.uid && g === ku.gid) return null;
  const right = `${ku.uid}/${ku.gid}`;
  if (u === 1000 && g === 1000) {
    if (fuse)
      return {
        severity: 'warning',
        message: `${what} uses uid/gid 1000/1000, but rclone storage is a FUSE mount, which Sysbox never ID-shifts: kasm-user is host ${right} on ${j.host}, so it sees these files as nobody. Use "${ku.uid}"/"${ku.gid}".`,
      };
    return {
      severity: 'warning',
      message: `${what} uses uid/gid 1000/1000: that works only where Sysbox can ID-map the mount (a local ext4/xfs/btrfs folder on a kernel with ID-mapped mounts) and fails or shows nobody on NFS/CIFS. ${right} (kasm-user on ${j.host}) works on every filesystem.`,
    };
  }
  return {
    severity: 'warning',
    message: `${what} uses uid/gid ${show(uid)}/${show(gid)}, but kasm-user is host ${right} on ${j.host}: under Sysbox kasm-user cannot write there. Use ${right}.`,
  };
}
