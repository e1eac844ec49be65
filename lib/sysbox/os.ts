/** /etc/os-release (os-release(5)) and the distros Sysbox publishes packages for (sysbox docs/distro-compat.md). */
export interface OsRelease {
  id: string | null;
  versionId: string | null;
  prettyName: string | null;
}

export function parseOsRelease(text: string): OsRelease {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (!m || !m[1]) continue;
    vars[m[1]] = (m[2] ?? '').replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return { id: vars.ID ?? null, versionId: vars.VERSION_ID ?? null, prettyName: vars.PRETTY_NAME ?? null };
}

/** Sysbox CE packages (.deb): Ubuntu 18.04–24.04, Debian 10–11. One place to correct. */
export const SYSBOX_PACKAGED: Record<string, string[]> = {
  ubuntu: ['18.04', '20.04', '22.04', '24.04'],
  debian: ['10', '11'],
};

export type OsSupport = 'packaged' | 'not-packaged' | 'unknown';

export function osSupport(os: OsRelease): OsSupport {
  if (!os.id) return 'unknown';
  const versions = SYSBOX_PACKAGED[os.id];
  if (!versions || !os.versionId) return 'not-packaged';
  return versions.includes(os.versionId) ? 'packaged' : 'not-packaged';
}
