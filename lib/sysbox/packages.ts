/**
 * Sysbox package and binary versions: the latest release
 * (https://github.com/nestybox/sysbox/releases) and the one Kasm's guide
 * installs (https://kasmweb.com/docs/latest/how_to/sysbox_runtime.html).
 */
export const SYSBOX_LATEST = '0.7.0';
export const SYSBOX_GUIDE = '0.6.4';

export interface DpkgEntry {
  package: string;
  version: string | null;
  status: string | null;
  installed: boolean;
}

/** The sysbox-ce / sysbox-ee paragraph of /var/lib/dpkg/status (null when absent). */
export function findDpkgSysboxParagraph(statusText: string): string | null {
  for (const para of statusText.split(/\n\s*\n/)) {
    if (/^Package:\s*sysbox-(ce|ee)\s*$/m.test(para)) return para.trim();
  }
  return null;
}

export function parseDpkgParagraph(para: string): DpkgEntry | null {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(para)?.[1]?.trim() ?? null;
  const pkg = field('Package');
  if (!pkg) return null;
  const status = field('Status');
  return { package: pkg, version: field('Version'), status, installed: status === 'install ok installed' };
}

export interface BinaryVersion {
  edition: 'CE' | 'EE' | null;
  version: string | null;
}

/** `sysbox-runc --version`: lines of `\tkey: \tvalue` (edition, version, commit, …). */
export function parseSysboxVersionOutput(text: string): BinaryVersion {
  const get = (key: string) => new RegExp(`^\\s*${key}:\\s*(.+)$`, 'mi').exec(text)?.[1]?.trim() ?? null;
  const ed = get('edition');
  return {
    edition: ed === null ? null : /\(EE\)|Enterprise/i.test(ed) ? 'EE' : /\(CE\)|Community/i.test(ed) ? 'CE' : null,
    version: get('version'),
  };
}

/** "0.6.4-0.linux" → [0,6,4]. */
export function versionTuple(v: string): [number, number, number] | null {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function compareVersions(a: string, b: string): number | null {
  const x = versionTuple(a);
  const y = versionTuple(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
