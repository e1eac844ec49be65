import 'server-only';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getEnv } from './env';
import { AppError } from './errors';
import { HostsFileError, parseHostsFile, type HostsFileEntry } from './hosts-file';

/**
 * The hosts this dashboard watches. Without DASHBOARD_HOSTS_FILE: one host,
 * `local`, from DOCKER_HOST, whose files are HOST_ROOT / HOST_PROC. With a hosts
 * file: its entries (re-read when the file changes), each either a Docker
 * endpoint or another instance of this dashboard.
 */
export interface DockerEndpoint {
  /** As the Docker CLI writes it, without secrets: unix:///var/run/docker.sock, tcp://h:2376 */
  url: string;
  tlsVerify: boolean;
  /** DOCKER_CERT_PATH style folder with ca.pem, cert.pem, key.pem */
  certPath?: string;
  /** explicit TLS files (hosts file) */
  tls?: { ca: string; cert: string; key: string };
  /** private key for ssh:// */
  sshKey?: string;
  timeoutMs?: number;
  /** Where the endpoint was configured: DOCKER_HOST (the one `local` host) or the hosts file. */
  configuredBy?: 'DOCKER_HOST' | 'DASHBOARD_HOSTS_FILE';
}

/** A Docker host (the only kind most code deals with). */
export interface HostConfig {
  id: string;
  name: string;
  kind: 'docker';
  docker: DockerEndpoint;
  /** Whether this host's files are visible (HOST_ROOT / HOST_PROC). Null for remote Docker endpoints. */
  files: { root: string; proc: string } | null;
}

/** Another instance of this dashboard, read through its /api/v1 with a token. */
export interface DashboardHostConfig {
  id: string;
  name: string;
  kind: 'dashboard';
  dashboard: { url: string; token?: string; tokenFile?: string; timeoutMs?: number };
}

export type AnyHostConfig = HostConfig | DashboardHostConfig;

function fromEntry(e: HostsFileEntry): AnyHostConfig {
  if (e.dashboard) {
    return { id: e.id, name: e.name, kind: 'dashboard', dashboard: { ...e.dashboard, url: e.dashboard.url.replace(/\/$/, '') } };
  }
  const d = e.docker;
  if (!d) throw new Error('unreachable: validated entry without docker or dashboard');
  return {
    id: e.id,
    name: e.name,
    kind: 'docker',
    docker: { url: d.host, tlsVerify: Boolean(d.tls), tls: d.tls, sshKey: d.sshKey, timeoutMs: d.timeoutMs, configuredBy: 'DASHBOARD_HOSTS_FILE' },
    files: e.files ? { root: e.files.root, proc: e.files.proc ?? path.join(e.files.root, 'proc') } : null,
  };
}

let fileCache: { file: string; mtimeMs: number; size: number; hosts: AnyHostConfig[] } | undefined;

/**
 * Reads and validates the hosts file (validated at start by scripts/check-env.ts).
 * An edit that breaks it while running keeps the last good list and logs why.
 */
export function loadHostsFile(file: string): AnyHostConfig[] {
  try {
    const st = fs.statSync(file);
    if (fileCache && fileCache.file === file && fileCache.mtimeMs === st.mtimeMs && fileCache.size === st.size) return fileCache.hosts;
    const hosts = parseHostsFile(fs.readFileSync(file, 'utf8'), file).map(fromEntry);
    fileCache = { file, mtimeMs: st.mtimeMs, size: st.size, hosts };
    return hosts;
  } catch (err) {
    const why = err instanceof HostsFileError ? err.message : `Hosts file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
    if (fileCache && fileCache.file === file) {
      console.error(`[hosts] ${why}\n[hosts] keeping the last valid list`);
      return fileCache.hosts;
    }
    throw new AppError('config_error', why);
  }
}

export function listAllHosts(): AnyHostConfig[] {
  const env = getEnv();
  if (env.DASHBOARD_HOSTS_FILE) return loadHostsFile(env.DASHBOARD_HOSTS_FILE);
  return [
    {
      id: 'local',
      name: os.hostname(),
      kind: 'docker',
      docker: {
        url: env.DOCKER_HOST,
        tlsVerify: env.DOCKER_TLS_VERIFY ?? false,
        certPath: env.DOCKER_CERT_PATH,
        configuredBy: 'DOCKER_HOST',
      },
      files: { root: env.HOST_ROOT, proc: env.HOST_PROC },
    },
  ];
}

/** Docker hosts only (the history keeper watches these; dashboard hosts keep their own history). */
export function listHosts(): HostConfig[] {
  return listAllHosts().filter((h): h is HostConfig => h.kind === 'docker');
}

export function findAnyHost(id: string): AnyHostConfig | undefined {
  return listAllHosts().find((h) => h.id === id);
}

/** The endpoint as shown to admins: never a token or key. */
export function publicEndpoint(h: AnyHostConfig): string {
  return h.kind === 'docker' ? h.docker.url : h.dashboard.url;
}
