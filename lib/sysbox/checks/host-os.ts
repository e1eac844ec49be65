import { DOCS, check, type Check } from '../check';
import { osSupport, parseOsRelease, SYSBOX_PACKAGED } from '../os';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';
import { HOST_PATHS, text, why } from './shared';

function hostOs(s: HostSnapshot): Check {
  const f = s.files;
  const dockerOs = s.docker.ok ? s.docker.value.info.OperatingSystem : undefined;
  const ev = dockerOs ? [`/info OperatingSystem: ${dockerOs}`] : [];
  const raw = text(f?.osReleaseFile);
  if (raw === null) {
    return check('host.os', false, 'unknown', 'Distribution unknown', `Could not read ${HOST_PATHS.osReleaseFile}.`, [...ev, why(f?.osReleaseFile, HOST_PATHS.osReleaseFile)]);
  }
  const os = parseOsRelease(raw);
  ev.unshift(`${HOST_PATHS.osReleaseFile}: ID=${os.id ?? '?'} VERSION_ID=${os.versionId ?? '?'} (${os.prettyName ?? ''})`);
  const support = osSupport(os);
  const list = Object.entries(SYSBOX_PACKAGED)
    .map(([d, vs]) => `${d} ${vs.join('/')}`)
    .join('; ');
  if (support === 'packaged') {
    return check('host.os', false, 'pass', `${os.prettyName ?? os.id} is supported`, 'Sysbox publishes packages for this distribution.', ev, { docs: DOCS.sysboxDistro });
  }
  if (support === 'unknown') {
    return check('host.os', false, 'unknown', 'Distribution unknown', `${HOST_PATHS.osReleaseFile} has no ID.`, ev, { docs: DOCS.sysboxDistro });
  }
  return check('host.os', false, 'warn', `${os.prettyName ?? os.id ?? 'This distribution'} is not on Sysbox’s package list`, `Sysbox packages exist for ${list}. Elsewhere it must be built from source, and Kasm recommends Ubuntu 22.04.`, ev, {
    docs: DOCS.sysboxDistro,
  });
}

export const hostOsCheck: HostCheck = { id: 'host.os', evaluate: (ctx) => hostOs(ctx.snapshot) };
