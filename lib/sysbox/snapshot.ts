import { z } from 'zod';
import type { IdMapEntry } from './container-schema';

/**
 * The raw facts one probe collected about one host (lib/server/probe writes
 * it, lib/sysbox evaluates it). Every read says whether it worked: a failed
 * read carries its reason and is evaluated as "unknown", never as "pass".
 */

/** A file read: its text, "missing" (ENOENT, itself a fact), or an error with its reason. */
export type FileRead = { state: 'ok'; text: string } | { state: 'missing' } | { state: 'error'; reason: string };

/** Any other probe result. */
export type Probe<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The one schema of Docker's GET /version (Engine API SystemVersion), read by the host probe and the host summary. */
export const dockerVersionSchema = z.object({
  Version: z.string(),
  ApiVersion: z.string(),
  KernelVersion: z.string().optional(),
  Os: z.string().optional(),
});
export type DockerVersion = z.infer<typeof dockerVersionSchema>;

export const dockerInfoSchema = z.object({
  Name: z.string().optional(),
  Runtimes: z.record(z.string(), z.object({ path: z.string().optional() }).loose()).optional(),
  DefaultRuntime: z.string().optional(),
  SecurityOptions: z.array(z.string()).nullish(),
  KernelVersion: z.string().optional(),
  OperatingSystem: z.string().optional(),
  CgroupVersion: z.string().optional(),
  DockerRootDir: z.string().optional(),
});
export type DockerInfo = z.infer<typeof dockerInfoSchema>;

export interface SysboxProcess {
  pid: number;
  comm: 'sysbox-mgr' | 'sysbox-fs';
  /** ISO time the process started (from /proc/<pid>/stat and /proc/stat btime), null when unreadable. */
  startedAt: string | null;
  /** readlink of /proc/<pid>/exe (e.g. "/usr/bin/sysbox-mgr", maybe ending in " (deleted)"), or why it could not be read. */
  exe: Probe<string>;
}

export interface ContainerHealthFact {
  id: string;
  name: string;
  runtime: string | null;
  state: string;
  startedAt: string | null;
  error: string | null;
  /** The live /proc/<pid>/uid_map and gid_map when running and readable (feeds facts.kasmUser). */
  idMap?: { uid: IdMapEntry[]; gid: IdMapEntry[] } | null;
}

export const SYSBOX_BINARIES = ['sysbox-runc', 'sysbox-mgr', 'sysbox-fs'] as const;
export type SysboxBinary = (typeof SYSBOX_BINARIES)[number];

export interface HostSnapshot {
  /** configuredBy: where the endpoint was set (absent: DOCKER_HOST), named when Docker is unreachable. */
  host: { id: string; name: string; endpoint: string; configuredBy?: 'DOCKER_HOST' | 'DASHBOARD_HOSTS_FILE' };
  takenAt: string;
  docker: Probe<{ version: DockerVersion; info: DockerInfo }>;
  /** null when this host's files are not visible (a remote host). */
  files: HostFiles | null;
  containers: Probe<ContainerHealthFact[]>;
}

export interface HostFiles {
  root: string;
  proc: string;
  daemonJson: FileRead;
  /** /etc/os-release: the distribution. */
  osReleaseFile: FileRead;
  subuid: FileRead;
  subgid: FileRead;
  procModules: FileRead;
  procFilesystems: FileRead;
  /** /proc/sys/kernel/osrelease: the kernel release when Docker cannot say. */
  kernelOsrelease: FileRead;
  /** Does /sys/module/shiftfs exist ("ok" with empty text = yes). */
  sysModuleShiftfs: FileRead;
  /** lib/modules/<release>/modules.dep lines naming shiftfs ("missing" when the file is absent). */
  modulesDepShiftfs: FileRead;
  unprivilegedUsernsClone: FileRead;
  maxUserNamespaces: FileRead;
  processes: Probe<SysboxProcess[]>;
  /** Does usr/bin/<binary> exist (and is it a file). */
  binaries: Record<SysboxBinary, Probe<boolean>>;
  /** The sysbox-ce / sysbox-ee paragraph of var/lib/dpkg/status ("ok" with "" when there is none). */
  dpkgSysbox: FileRead;
  /** `--version` output per binary; only collected when the host root is "/". */
  versions: Probe<Partial<Record<SysboxBinary, string>>> | null;
}
