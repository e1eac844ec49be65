import type { SysboxProcess } from './snapshot';

/**
 * Is a process named sysbox-mgr / sysbox-fs the installed Sysbox binary?
 * A name (/proc/<pid>/comm) is only the first 15 bytes of the executable's
 * file name: any copy of any program can carry it. The executable itself is
 * /proc/<pid>/exe. Pure.
 */

export type ServiceName = SysboxProcess['comm'];
export const SERVICE_NAMES: readonly ServiceName[] = ['sysbox-mgr', 'sysbox-fs'];

/** Where the sysbox-ce / sysbox-ee packages install the daemons (their systemd units run /usr/bin/sysbox-mgr and /usr/bin/sysbox-fs). */
export function installedPath(name: ServiceName): string {
  return `/usr/bin/${name}`;
}

/** The suffix the kernel appends to /proc/<pid>/exe when the file was replaced or removed since exec (fs/d_path.c). */
const DELETED = ' (deleted)';

/**
 * - `installed`: the installed binary, unchanged since the process started;
 * - `replaced`: it was the installed binary, but the file was replaced since
 *   (a package upgrade): the old code still runs until a restart;
 * - `other`: another executable carries the name;
 * - `unreadable`: the link could not be read (permissions): never a pass.
 */
export type ExecutableKind = 'installed' | 'replaced' | 'other' | 'unreadable';

export interface ServiceProcess {
  pid: number;
  startedAt: string | null;
  /** The link text without " (deleted)", or null when unreadable. */
  exe: string | null;
  kind: ExecutableKind;
  /** Why the link could not be read (kind `unreadable`). */
  reason?: string;
}

/**
 * Classifies one process. `root` is HOST_ROOT: the link text is the host's
 * path when the dashboard runs on the host (root "/") and also when it runs in
 * a container with the host's /proc (the kernel prints a path the reader
 * cannot reach from its own root relative to the process's mount namespace),
 * so `/usr/bin/<name>` is accepted everywhere; `<root>/usr/bin/<name>` is
 * accepted too for a host root the dashboard's own processes can reach.
 */
export function classifyProcess(p: SysboxProcess, root: string): ServiceProcess {
  if (!p.exe.ok) return { pid: p.pid, startedAt: p.startedAt, exe: null, kind: 'unreadable', reason: p.exe.reason };
  const raw = p.exe.value;
  const deleted = raw.endsWith(DELETED);
  const exe = deleted ? raw.slice(0, -DELETED.length) : raw;
  const want = installedPath(p.comm);
  const underRoot = `${root.replace(/\/+$/, '')}${want}`;
  const isInstalled = exe === want || exe === underRoot;
  return { pid: p.pid, startedAt: p.startedAt, exe, kind: isInstalled ? (deleted ? 'replaced' : 'installed') : 'other' };
}

const RANK: Record<ExecutableKind, number> = { installed: 0, replaced: 1, unreadable: 2, other: 3 };

/**
 * The process that stands for a service: the installed binary first, then a
 * replaced one, then an unreadable one, then any other; among equals the
 * oldest (the main process). Null when no process has the name.
 */
export function serviceProcess(all: SysboxProcess[], name: ServiceName, root: string): { main: ServiceProcess; others: ServiceProcess[] } | null {
  const mine = all.filter((p) => p.comm === name).map((p) => classifyProcess(p, root));
  if (mine.length === 0) return null;
  const sorted = [...mine].sort((a, b) => RANK[a.kind] - RANK[b.kind] || (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  const [main, ...others] = sorted;
  return main ? { main, others } : null;
}

/** One evidence line for a process. */
export function describeProcess(name: ServiceName, p: ServiceProcess): string {
  const when = p.startedAt ? `, started ${p.startedAt}` : '';
  switch (p.kind) {
    case 'installed':
      return `${name}: pid ${p.pid} runs ${p.exe ?? installedPath(name)}${when}`;
    case 'replaced':
      return `${name}: pid ${p.pid} runs ${p.exe ?? installedPath(name)} (deleted): the file was replaced since the process started${when}`;
    case 'other':
      return `${name}: pid ${p.pid} runs ${p.exe ?? '?'}, not ${installedPath(name)}${when}`;
    case 'unreadable':
      return `${name}: pid ${p.pid}, executable unknown (${p.reason ?? 'unreadable'})${when}`;
  }
}
