import type { FileRead, HostFiles, SysboxBinary } from '../snapshot';
import { SYSBOX_BINARIES } from '../snapshot';
import { parseDpkgParagraph, parseSysboxVersionOutput, type DpkgEntry } from '../packages';
import { SYSBOX_RUNTIME } from '../runtime';
import { text } from './shared';

/**
 * What is installed of Sysbox (binaries, the dpkg entry, version and
 * edition): read by sysbox.installed, sysbox.runtime and the facts.
 */
export interface SysboxInstall {
  binaries: Partial<Record<SysboxBinary, boolean | string>>;
  dpkg: DpkgEntry | null;
  dpkgRead: FileRead | undefined;
  version: string | null;
  edition: 'CE' | 'EE' | null;
}

export function sysboxInstall(f: HostFiles | null): SysboxInstall {
  const binaries: SysboxInstall['binaries'] = {};
  let dpkg: DpkgEntry | null = null;
  let version: string | null = null;
  let edition: 'CE' | 'EE' | null = null;
  if (!f) return { binaries, dpkg, dpkgRead: undefined, version, edition };
  for (const b of SYSBOX_BINARIES) {
    const p = f.binaries[b];
    binaries[b] = p.ok ? p.value : p.reason;
  }
  const para = text(f.dpkgSysbox);
  if (para) dpkg = parseDpkgParagraph(para);
  if (dpkg?.installed) {
    version = dpkg.version;
    edition = dpkg.package === 'sysbox-ee' ? 'EE' : 'CE';
  }
  const runcOut = f.versions?.ok ? f.versions.value[SYSBOX_RUNTIME] : undefined;
  if (runcOut) {
    const parsed = parseSysboxVersionOutput(runcOut);
    version = parsed.version ?? version;
    edition = parsed.edition ?? edition;
  }
  return { binaries, dpkg, dpkgRead: f.dpkgSysbox, version, edition };
}
