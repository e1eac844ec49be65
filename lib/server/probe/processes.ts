import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Probe, SysboxProcess } from '@/lib/sysbox/snapshot';
import { describeFsError, readFileAt, under } from './files';

/** USER_HZ: clock ticks per second in /proc/<pid>/stat; 100 on every Linux architecture Sysbox supports. */
const CLOCK_TICKS = 100;
const NAMES = new Set<SysboxProcess['comm']>(['sysbox-mgr', 'sysbox-fs']);

/** Field 22 (starttime, in clock ticks since boot) of /proc/<pid>/stat. */
export function parseStartTicks(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const rest = stat.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state), so field 22 is rest[19].
  const v = Number(rest[19]);
  return Number.isFinite(v) ? v : null;
}

export function parseBootTime(procStat: string): number | null {
  const m = /^btime\s+(\d+)$/m.exec(procStat);
  return m ? Number(m[1]) : null;
}

/**
 * The link text of /proc/<pid>/exe: the executable the process runs, which a
 * name (comm) alone does not prove. The kernel renders it relative to the
 * reader's root when reachable, otherwise relative to the root of the
 * process's own mount namespace, so a dashboard in a container with the host's
 * /proc reads the host path (`/usr/bin/sysbox-mgr`). An executable replaced or
 * removed since the process started ends in " (deleted)". Reading it needs the
 * same user or CAP_SYS_PTRACE (ptrace access mode READ_FSCREDS): EACCES is
 * reported, never guessed.
 */
export async function readExeLink(proc: string, pid: number): Promise<Probe<string>> {
  try {
    return { ok: true, value: await fs.readlink(under(proc, `${pid}/exe`)) };
  } catch (err) {
    return { ok: false, reason: `${path.join(proc, String(pid), 'exe')}: ${describeFsError(err)}` };
  }
}

/** sysbox-mgr and sysbox-fs among /proc/<pid>/comm, with their start times. */
export async function findSysboxProcesses(proc: string): Promise<Probe<SysboxProcess[]>> {
  let entries: string[];
  try {
    entries = (await fs.readdir(proc)).filter((e) => /^\d+$/.test(e));
  } catch (err) {
    return { ok: false, reason: `cannot list ${proc}: ${describeFsError(err)}` };
  }
  if (entries.length === 0) return { ok: false, reason: `${proc} has no process folders (is it a /proc?)` };
  const found: { pid: number; comm: SysboxProcess['comm'] }[] = [];
  const unreadable: string[] = [];
  const BATCH = 64;
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const comms = await Promise.all(batch.map((pid) => readFileAt(proc, `${pid}/comm`, 4096)));
    comms.forEach((r, j) => {
      const pid = batch[j];
      // A process that exited between readdir and read is simply gone: ENOENT ("missing") or ESRCH. Any other
      // failure is kept: that process could be sysbox-mgr or sysbox-fs.
      if (r.state === 'missing' || (r.state === 'error' && r.reason === 'ESRCH')) return;
      if (r.state === 'error') {
        unreadable.push(`${path.join(proc, pid ?? '?', 'comm')}: ${r.reason}`);
        return;
      }
      const name = r.text.trim();
      if (pid && NAMES.has(name as SysboxProcess['comm'])) found.push({ pid: Number(pid), comm: name as SysboxProcess['comm'] });
    });
  }
  // "Not running" is only known when every name was read; a name found is found whatever else failed.
  const missingNames = [...NAMES].filter((n) => !found.some((f) => f.comm === n));
  if (missingNames.length > 0 && unreadable.length > 0) {
    return { ok: false, reason: `${unreadable.length} process name${unreadable.length > 1 ? 's' : ''} could not be read (${unreadable[0]}), so whether ${missingNames.join(' and ')} run${missingNames.length > 1 ? '' : 's'} is unknown` };
  }
  if (found.length === 0) return { ok: true, value: [] };
  const procStat = await readFileAt(proc, 'stat');
  const btime = procStat.state === 'ok' ? parseBootTime(procStat.text) : null;
  const out: SysboxProcess[] = [];
  for (const p of found) {
    const st = await readFileAt(proc, `${p.pid}/stat`, 4096);
    const ticks = st.state === 'ok' ? parseStartTicks(st.text) : null;
    const startedAt = btime !== null && ticks !== null ? new Date((btime + ticks / CLOCK_TICKS) * 1000).toISOString() : null;
    out.push({ pid: p.pid, comm: p.comm, startedAt, exe: await readExeLink(proc, p.pid) });
  }
  // The oldest of each name is the service's main process.
  out.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  return { ok: true, value: out };
}
