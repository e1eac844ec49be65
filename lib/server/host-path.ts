import 'server-only';
import fs from 'node:fs/promises';
import { AppError, describeFsError } from './errors';
import { requireHost } from './fleet';
import { readFileAt, under } from './probe/files';
import type { Finding } from '@/lib/kasm/output';
import { HostPathError, isNetworkFs, judgeHostPath, mountOf, parseMountinfo, staticHostPath, type HostPathFact } from '@/lib/sysbox/host-path';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';

/**
 * Probe of a volume mapping's host folder on a host whose files are visible
 * (HOST_ROOT / HOST_PROC, or a hosts-file entry's `files`): filesystem type
 * from the host's mountinfo and the owner from `lstat` under the root.
 *
 * Safety: the request's path is normalised and refused when it holds `..`;
 * it is walked from the root one segment at a time with `lstat`, so no
 * symlink is ever followed (a symlink stops the walk and is reported), and
 * every path handed to fs goes through `under()` which refuses to leave the root.
 */
export async function probeHostPath(files: { root: string; proc: string } | null, requested: string): Promise<HostPathFact> {
  let staticPart: string;
  try {
    staticPart = staticHostPath(requested);
  } catch (err) {
    if (err instanceof HostPathError) throw new AppError('bad_request', `Invalid host path "${requested.slice(0, 200)}": ${err.message}`, [{ path: ['path'], message: err.message }]);
    throw err;
  }
  const unknown = (reason: string): HostPathFact => ({ requested, checkedPath: null, exists: null, fsType: null, mountPoint: null, owner: null, network: null, unknownReason: reason });
  if (!files) return unknown('this host\'s files are not visible to the dashboard (a remote Docker endpoint)');

  // Walk down from / with lstat: the deepest existing real directory (or the path itself) is what we report on.
  const segments = staticPart.split('/').filter((s) => s !== '');
  let checked = '/';
  let st: { uid: number; gid: number } | null = null;
  let exists = true;
  let stopReason: string | null = null;
  try {
    const rootStat = await fs.lstat(under(files.root, '/'));
    st = { uid: rootStat.uid, gid: rootStat.gid };
  } catch (err) {
    return unknown(`${files.root} cannot be read (${describeFsError(err)})`);
  }
  for (let i = 0; i < segments.length; i += 1) {
    const next = `/${segments.slice(0, i + 1).join('/')}`;
    try {
      const s = await fs.lstat(under(files.root, next));
      if (s.isSymbolicLink()) {
        exists = false;
        stopReason = `${next} is a symbolic link, which the dashboard does not follow`;
        break;
      }
      checked = next;
      st = { uid: s.uid, gid: s.gid };
      if (!s.isDirectory()) {
        if (i < segments.length - 1) exists = false;
        break;
      }
    } catch (err) {
      const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') stopReason = `${next} cannot be read (${describeFsError(err)})`;
      exists = false;
      break;
    }
  }

  // The host's mount table: PID 1's (the host's namespace when HOST_PROC is the host's /proc), else this process's.
  let mountinfo = await readFileAt(files.proc, '1/mountinfo');
  if (mountinfo.state !== 'ok') mountinfo = await readFileAt(files.proc, 'self/mountinfo');
  if (mountinfo.state !== 'ok') {
    const why = mountinfo.state === 'missing' ? 'missing' : mountinfo.reason;
    return { requested, checkedPath: checked, exists, fsType: null, mountPoint: null, owner: st, network: null, unknownReason: `${files.proc}/1/mountinfo cannot be read (${why})` };
  }
  const mount = mountOf(parseMountinfo(mountinfo.text).mounts, checked);
  if (!mount) return { requested, checkedPath: checked, exists, fsType: null, mountPoint: null, owner: st, network: null, unknownReason: `no mount in mountinfo holds ${checked}` };
  return { requested, checkedPath: checked, exists, fsType: mount.fsType, mountPoint: mount.mountPoint, owner: st, network: isNetworkFs(mount.fsType), unknownReason: stopReason };
}

/** The host path fact of a host named by id (404 for an unknown host; unknown, not guessed, for a remote dashboard). */
export async function hostPathOf(hostId: string, requested: string): Promise<HostPathFact> {
  const host = requireHost(hostId);
  if (host.kind !== 'docker') {
    // Validate the path the same way even when nothing can be looked at.
    try {
      staticHostPath(requested);
    } catch (err) {
      if (err instanceof HostPathError) throw new AppError('bad_request', `Invalid host path "${requested.slice(0, 200)}": ${err.message}`, [{ path: ['path'], message: err.message }]);
      throw err;
    }
    return { requested, checkedPath: null, exists: null, fsType: null, mountPoint: null, owner: null, network: null, unknownReason: 'this host is another dashboard; its host folders are not visible from here' };
  }
  return probeHostPath(host.files, requested);
}

const MAX_LINT_PATHS = 20;

/**
 * Host-folder notes for pasted volume mappings on a host (POST /api/v1/lint/volume-mappings?host=):
 * one probe per host path (up to 20), judged for that entry's uid/gid. Text that is not a JSON
 * object gives none here: lintVolumeMappings already reports why it is not.
 */
export async function hostPathFindings(hostId: string, text: string, kasmUser: KasmUserFact | null): Promise<Finding[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    if (err instanceof SyntaxError) return [];
    throw err;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  const out: Finding[] = [];
  for (const [hostPath, entry] of Object.entries(parsed).slice(0, MAX_LINT_PATHS)) {
    const e = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const ids = { uid: typeof e.uid === 'number' ? e.uid : null, gid: typeof e.gid === 'number' ? e.gid : null };
    try {
      const fact = await hostPathOf(hostId, hostPath);
      out.push(...judgeHostPath(fact, ids, kasmUser).map((n) => ({ id: n.id, severity: n.severity, message: n.message })));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'bad_request') throw err;
      out.push({ id: 'host-path.invalid', severity: 'warning', message: `${hostPath}: ${err.issues?.[0]?.message ?? err.message}; its filesystem was not looked at.` });
    }
  }
  return out;
}
