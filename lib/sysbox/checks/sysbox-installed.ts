import { DOCS, check, type Check } from '../check';
import { SYSBOX_GUIDE, SYSBOX_LATEST, compareVersions } from '../packages';
import type { HostSnapshot } from '../snapshot';
import { SYSBOX_BINARIES } from '../snapshot';
import type { HostCheck } from './context';
import { HOST_PATHS, NO_FILES, firstLines, why } from './shared';
import type { SysboxInstall } from './sysbox-install';

function sysboxInstalled(s: HostSnapshot, inst: SysboxInstall): Check {
  const f = s.files;
  if (!f) {
    return check('sysbox.installed', true, 'unknown', 'Sysbox installation: unknown', `Cannot look for the Sysbox binaries: ${NO_FILES}.`, [NO_FILES]);
  }
  const ev: string[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
  for (const b of SYSBOX_BINARIES) {
    const v = inst.binaries[b];
    if (v === true) ev.push(`/usr/bin/${b}: present`);
    else if (v === false) {
      ev.push(`/usr/bin/${b}: not found`);
      missing.push(b);
    } else {
      ev.push(`/usr/bin/${b}: could not be checked (${String(v)})`);
      unreadable.push(b);
    }
  }
  if (inst.dpkg) ev.push(`${HOST_PATHS.dpkgStatus}: Package ${inst.dpkg.package}, Version ${inst.dpkg.version ?? '?'}, Status ${inst.dpkg.status ?? '?'}`);
  else if (f.dpkgSysbox.state === 'ok') ev.push(`${HOST_PATHS.dpkgStatus}: no sysbox-ce or sysbox-ee entry`);
  else ev.push(why(f.dpkgSysbox, HOST_PATHS.dpkgStatus));
  if (f.versions?.ok) {
    for (const [b, out] of Object.entries(f.versions.value)) ev.push(`${b} --version: ${firstLines(out, 3).join(' | ')}`);
  } else if (f.versions) ev.push(`--version: ${f.versions.reason}`);

  const installFix = {
    text: `Install Sysbox CE ${SYSBOX_LATEST} (the guide uses ${SYSBOX_GUIDE}) from its .deb package. The installer restarts Docker: stop running containers first.`,
    commands: [
      `wget https://downloads.nestybox.com/sysbox/releases/v${SYSBOX_LATEST}/sysbox-ce_${SYSBOX_LATEST}-0.linux_amd64.deb`,
      'sudo apt-get install -y jq',
      `sudo apt-get install -y ./sysbox-ce_${SYSBOX_LATEST}-0.linux_amd64.deb`,
    ],
  };
  if (missing.length > 0) {
    return check(
      'sysbox.installed',
      true,
      'fail',
      'Sysbox is not installed',
      `Missing: ${missing.map((b) => `/usr/bin/${b}`).join(', ')}.`,
      ev,
      { fix: installFix, docs: DOCS.sysboxInstall },
    );
  }
  if (unreadable.length > 0) {
    return check('sysbox.installed', true, 'unknown', 'Sysbox installation: unknown', `Could not check ${unreadable.join(', ')}.`, ev, {
      docs: DOCS.sysboxInstall,
    });
  }
  if (!inst.version) {
    return check(
      'sysbox.installed',
      true,
      'warn',
      'Sysbox binaries found, version unknown',
      'The binaries are there but no installed sysbox-ce/sysbox-ee package says which version they are.',
      ev,
      { fix: installFix, docs: DOCS.sysboxReleases },
    );
  }
  const vsGuide = compareVersions(inst.version, SYSBOX_GUIDE);
  const vsLatest = compareVersions(inst.version, SYSBOX_LATEST);
  const label = `Sysbox ${inst.edition ?? ''} ${inst.version}`.replace(/\s+/g, ' ');
  if (vsGuide !== null && vsGuide < 0) {
    return check('sysbox.installed', true, 'warn', `${label} is older than the guide’s ${SYSBOX_GUIDE}`, `Upgrade to ${SYSBOX_LATEST}.`, ev, {
      fix: installFix,
      docs: DOCS.sysboxReleases,
    });
  }
  const note =
    vsLatest !== null && vsLatest < 0 ? ` A newer release, ${SYSBOX_LATEST}, exists.` : vsLatest === 0 ? ' This is the latest release.' : '';
  return check('sysbox.installed', true, 'pass', `${label} is installed`, `All three binaries are present.${note}`, ev, { docs: DOCS.sysboxReleases });
}

export const sysboxInstalledCheck: HostCheck = { id: 'sysbox.installed', evaluate: (ctx) => sysboxInstalled(ctx.snapshot, ctx.install) };
