import 'server-only';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { dockerGet } from '@/lib/server/docker';
import { AppError } from '@/lib/server/errors';
import type { HostConfig } from '@/lib/server/hosts';
import { findDpkgSysboxParagraph } from '@/lib/sysbox/packages';
import {
  SYSBOX_BINARIES,
  dockerInfoSchema,
  dockerVersionSchema,
  type FileRead,
  type HostFiles,
  type HostSnapshot,
  type Probe,
  type SysboxBinary,
} from '@/lib/sysbox/snapshot';
import { listContainerHealthFacts } from './container-facts';
import { existsAt, isFileAt, readFileAt } from './files';
import { findSysboxProcesses } from './processes';

function reasonOf(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err && typeof err === 'object' && 'issues' in err) return 'Docker answered with an unexpected shape';
  return err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
}

async function probeDocker(host: HostConfig): Promise<HostSnapshot['docker']> {
  try {
    const [version, info] = await Promise.all([dockerGet(host, '/version'), dockerGet(host, '/info')]);
    return { ok: true, value: { version: dockerVersionSchema.parse(version), info: dockerInfoSchema.parse(info) } };
  } catch (err) {
    return { ok: false, reason: err instanceof AppError && 'reason' in err ? String(err.reason) : reasonOf(err) };
  }
}

async function probeContainers(host: HostConfig, docker: HostSnapshot['docker']): Promise<HostSnapshot['containers']> {
  if (!docker.ok) return { ok: false, reason: docker.reason };
  try {
    return { ok: true, value: await listContainerHealthFacts(host) };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

const VERSION_TIMEOUT_MS = 2000;

function runVersion(file: string): Promise<Probe<string>> {
  return new Promise((resolve) => {
    execFile(file, ['--version'], { timeout: VERSION_TIMEOUT_MS, maxBuffer: 64 * 1024, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', NODE_ENV: 'production' }, encoding: 'utf8' }, (err, stdout) => {
      if (err) resolve({ ok: false, reason: `${path.basename(file)} --version: ${err.message.split('\n')[0] ?? 'failed'}` });
      else resolve({ ok: true, value: String(stdout) });
    });
  });
}

async function probeVersions(root: string, binaries: Record<SysboxBinary, Probe<boolean>>): Promise<HostFiles['versions']> {
  // Only on the host itself: a binary under another root may not run here.
  if (path.resolve(root) !== '/') return null;
  const out: Partial<Record<SysboxBinary, string>> = {};
  const errors: string[] = [];
  for (const b of SYSBOX_BINARIES) {
    const present = binaries[b];
    if (!present.ok || !present.value) continue;
    const r = await runVersion(`/usr/bin/${b}`);
    if (r.ok) out[b] = r.value;
    else errors.push(r.reason);
  }
  if (Object.keys(out).length === 0 && errors.length > 0) return { ok: false, reason: errors.join('; ') };
  return { ok: true, value: out };
}

function grepLines(r: FileRead, re: RegExp): FileRead {
  if (r.state !== 'ok') return r;
  return { state: 'ok', text: r.text.split('\n').filter((l) => re.test(l)).join('\n') };
}

async function probeFiles(files: { root: string; proc: string }, kernelRelease: string | null): Promise<HostFiles> {
  const { root, proc } = files;
  const [daemonJson, osReleaseFile, subuid, subgid, procModules, procFilesystems, kernelOsrelease, sysModuleShiftfs, unpriv, maxNs, processes, dpkg] =
    await Promise.all([
      readFileAt(root, 'etc/docker/daemon.json', 1024 * 1024),
      readFileAt(root, 'etc/os-release'),
      readFileAt(root, 'etc/subuid'),
      readFileAt(root, 'etc/subgid'),
      readFileAt(proc, 'modules'),
      readFileAt(proc, 'filesystems'),
      readFileAt(proc, 'sys/kernel/osrelease'),
      existsAt(root, 'sys/module/shiftfs'),
      readFileAt(proc, 'sys/kernel/unprivileged_userns_clone'),
      readFileAt(proc, 'sys/user/max_user_namespaces'),
      findSysboxProcesses(proc),
      readFileAt(root, 'var/lib/dpkg/status', 32 * 1024 * 1024),
    ]);
  const release = kernelRelease ?? (kernelOsrelease.state === 'ok' ? kernelOsrelease.text.trim() : null);
  const modulesDepShiftfs: FileRead =
    release && /^[\w.+-]+$/.test(release)
      ? grepLines(await readFileAt(root, `lib/modules/${release}/modules.dep`, 16 * 1024 * 1024), /shiftfs/)
      : { state: 'error', reason: 'kernel release unknown' };
  const binaries = Object.fromEntries(
    await Promise.all(SYSBOX_BINARIES.map(async (b) => [b, await isFileAt(root, `usr/bin/${b}`)] as const)),
  ) as Record<SysboxBinary, Probe<boolean>>;
  const dpkgSysbox: FileRead = dpkg.state === 'ok' ? { state: 'ok', text: findDpkgSysboxParagraph(dpkg.text) ?? '' } : dpkg;
  return {
    root,
    proc,
    daemonJson,
    osReleaseFile,
    subuid,
    subgid,
    procModules,
    procFilesystems,
    kernelOsrelease,
    sysModuleShiftfs,
    modulesDepShiftfs,
    unprivilegedUsernsClone: unpriv,
    maxUserNamespaces: maxNs,
    processes,
    binaries,
    dpkgSysbox,
    versions: await probeVersions(root, binaries),
  };
}

/**
 * Collects one host's raw facts: Docker /version and /info (one call each),
 * its containers' health facts, and the host files under HOST_ROOT/HOST_PROC.
 * Never throws for an unreachable daemon or an unreadable file: each failure
 * is recorded with its reason.
 */
export async function probeHost(host: HostConfig): Promise<HostSnapshot> {
  const docker = await probeDocker(host);
  const kernelRelease = docker.ok ? (docker.value.info.KernelVersion ?? null) : null;
  const [containers, files] = await Promise.all([
    probeContainers(host, docker),
    host.files ? probeFiles(host.files, kernelRelease) : Promise.resolve(null),
  ]);
  return {
    host: { id: host.id, name: host.name, endpoint: host.docker.url, configuredBy: host.docker.configuredBy },
    takenAt: new Date().toISOString(),
    docker,
    files,
    containers,
  };
}
