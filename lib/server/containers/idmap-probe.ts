import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HostConfig } from '@/lib/server/hosts';
import type { IdMapReading } from '@/lib/sysbox/container-schema';
import { parseIdMap } from '@/lib/sysbox/idmap';
import { describeFsError, ID_MAP_HINTS } from '../errors';

/**
 * Reads HOST_PROC/<pid>/uid_map and gid_map of a running container (no
 * docker exec). Says why when it cannot.
 */
export async function readIdMap(host: HostConfig, running: boolean, pid: number): Promise<IdMapReading> {
  if (!running) return { ok: false, reason: 'The container is not running: its ID map exists only while it runs.' };
  if (!host.files) return { ok: false, reason: "This host's /proc is not visible to the dashboard (remote Docker host)." };
  if (!Number.isInteger(pid) || pid <= 0) return { ok: false, reason: 'Docker reported no process id for this container.' };
  const dir = path.join(host.files.proc, String(pid));
  try {
    const [uid, gid] = await Promise.all([fs.readFile(path.join(dir, 'uid_map'), 'utf8'), fs.readFile(path.join(dir, 'gid_map'), 'utf8')]);
    return { ok: true, uid: parseIdMap(uid), gid: parseIdMap(gid) };
  } catch (err) {
    return { ok: false, reason: `Cannot read ${dir}/uid_map: ${describeFsError(err, ID_MAP_HINTS)}` };
  }
}
