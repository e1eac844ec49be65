import { DOCS, check, type Check } from '../check';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';

/** Sysbox does not support a snap-installed Docker (sysbox docs/user-guide/install-package.md). */
function dockerSnap(s: HostSnapshot): Check {
  if (!s.docker.ok) {
    return check('docker.snap', true, 'unknown', 'Snap Docker: unknown', 'Docker did not answer, so its install root is unknown.', [
      `Docker: ${s.docker.reason}`,
    ]);
  }
  const root = s.docker.value.info.DockerRootDir;
  if (!root) {
    return check('docker.snap', true, 'unknown', 'Snap Docker: unknown', '/info did not report DockerRootDir.', ['/info DockerRootDir: (absent)']);
  }
  const ev = [`/info DockerRootDir: ${root}`];
  if (/(^|\/)snap\//.test(root)) {
    return check('docker.snap', true, 'fail', 'Docker is installed as a snap', 'Sysbox does not support a snap-installed Docker.', ev, {
      fix: {
        text: 'Replace the snap with Docker’s .deb packages, then install Sysbox.',
        commands: ['sudo snap remove docker', 'curl -fsSL https://get.docker.com | sudo sh'],
      },
      docs: DOCS.sysboxInstall,
    });
  }
  return check('docker.snap', true, 'pass', 'Docker is not a snap', 'Docker’s data root is not under /snap, so it is not the unsupported snap package.', ev);
}

export const dockerSnapCheck: HostCheck = { id: 'docker.snap', evaluate: (ctx) => dockerSnap(ctx.snapshot) };
