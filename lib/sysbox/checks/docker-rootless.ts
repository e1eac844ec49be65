import { DOCS, check, type Check } from '../check';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';

/** Sysbox needs a rootful Docker (sysbox docs/user-guide/install-package.md). */
function dockerRootless(s: HostSnapshot): Check {
  if (!s.docker.ok) {
    return check('docker.rootless', true, 'unknown', 'Rootless Docker: unknown', 'Docker did not answer, so its security options are unknown.', [
      `Docker: ${s.docker.reason}`,
    ]);
  }
  const opts = s.docker.value.info.SecurityOptions ?? [];
  const ev = [`/info SecurityOptions: ${opts.length ? opts.join(', ') : '(none)'}`];
  if (opts.some((o) => o.split(',').includes('name=rootless'))) {
    return check('docker.rootless', true, 'fail', 'Docker runs rootless', 'Sysbox does not support rootless Docker.', ev, {
      fix: {
        text: 'Run Sysbox with the regular (rootful) Docker daemon installed from Docker’s or the distro’s packages.',
        commands: ['dockerd-rootless-setuptool.sh uninstall', 'sudo systemctl enable --now docker'],
      },
      docs: DOCS.sysboxInstall,
    });
  }
  return check('docker.rootless', true, 'pass', 'Docker runs as root', 'Docker is not rootless (Sysbox needs a rootful daemon).', ev);
}

export const dockerRootlessCheck: HostCheck = { id: 'docker.rootless', evaluate: (ctx) => dockerRootless(ctx.snapshot) };
