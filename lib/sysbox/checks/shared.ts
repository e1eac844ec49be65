import type { FileRead } from '../snapshot';

/** Host-root-relative paths, as the admin knows them. */
export const HOST_PATHS = {
  daemonJson: '/etc/docker/daemon.json',
  osReleaseFile: '/etc/os-release',
  subuid: '/etc/subuid',
  subgid: '/etc/subgid',
  dpkgStatus: '/var/lib/dpkg/status',
} as const;

export const NO_FILES = 'this host’s files are not visible to the dashboard (HOST_ROOT)';

/** The text of a file read, or null when it was not read. */
export function text(r: FileRead | undefined): string | null {
  return r && r.state === 'ok' ? r.text : null;
}

/** One evidence line saying why a file gave no text. */
export function why(r: FileRead | undefined, what: string): string {
  if (!r) return `${what}: ${NO_FILES}`;
  if (r.state === 'missing') return `${what}: file not found`;
  if (r.state === 'error') return `${what}: could not be read (${r.reason})`;
  return `${what}: read`;
}

export function firstLines(s: string, n: number): string[] {
  return s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, n);
}
