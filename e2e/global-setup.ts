import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Seeds the e2e sandbox dockerd (KSD_E2E_DOCKER_HOST) with the containers the
 * e2e specs look at. Idempotent: a container that exists is reused (and
 * started again if it should run). The sandbox's "sysbox-runc" runtime is a
 * STAND-IN (runc registered under that name), not Sysbox. The dashboard itself
 * never writes to Docker; only this test setup does, through the docker CLI.
 */
export const KASM_IMAGE = 'kasmweb/core-ubuntu-jammy:sandbox';
export const PLAIN_IMAGE = 'local/busybox:sandbox';

export const E2E_FIXTURES = {
  session: 'alice_1a2b3c4d',
  runc: 'ksd-e2e-runc',
  sharedSysbox: 'ksd-e2e-shared-sysbox',
  sharedRunc: 'ksd-e2e-shared-runc',
  gpu: 'ksd-e2e-gpu',
  stopped: 'ksd-e2e-stopped',
  sharedVolume: 'ksd-e2e-shared',
} as const;

interface Fixture {
  name: string;
  /** run: created and started; create: created only; exited: ran a command that ended. */
  mode: 'run' | 'create' | 'exited';
  args: string[];
  image: string;
  command?: string[];
}

const F = E2E_FIXTURES;
const FIXTURES: Fixture[] = [
  {
    name: F.session,
    mode: 'run',
    image: KASM_IMAGE,
    args: ['--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=1a2b3c4d5e6f', '--label', 'kasm.async_destroy=true', '--entrypoint', '/sbin/init', '--user', '0'],
  },
  { name: F.runc, mode: 'run', image: PLAIN_IMAGE, args: [] },
  { name: F.sharedSysbox, mode: 'run', image: KASM_IMAGE, args: ['--runtime', 'sysbox-runc', '-v', `${F.sharedVolume}:/data`] },
  { name: F.sharedRunc, mode: 'run', image: PLAIN_IMAGE, args: ['-v', `${F.sharedVolume}:/data`] },
  { name: F.gpu, mode: 'create', image: KASM_IMAGE, args: ['--runtime', 'sysbox-runc', '--gpus', 'all'] },
  { name: F.stopped, mode: 'exited', image: PLAIN_IMAGE, args: [], command: ['true'] },
];

function docker(host: string, args: string[]): string {
  return execFileSync('docker', ['-H', host, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function state(host: string, name: string): string | null {
  const r = spawnSync('docker', ['-H', host, 'inspect', '-f', '{{.State.Status}}', name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export default function globalSetup(): void {
  // Fixtures are created on the sandbox's own socket: the app's DOCKER_HOST
  // (KSD_E2E_DOCKER_HOST) goes through the read-only recording proxy.
  const sandbox = JSON.parse(process.env.KSD_E2E_SANDBOX ?? '{}') as { dockerHost?: string };
  const host = sandbox.dockerHost ?? process.env.KSD_E2E_DOCKER_HOST;
  if (!host) {
    console.warn('[e2e setup] KSD_E2E_DOCKER_HOST is not set: no fixture containers seeded (run e2e through `npm test`).');
    return;
  }
  for (const f of FIXTURES) {
    const s = state(host, f.name);
    if (s === null) {
      if (f.mode === 'run') docker(host, ['run', '-d', '--name', f.name, '--network', 'none', ...f.args, f.image]);
      else if (f.mode === 'create') docker(host, ['create', '--name', f.name, '--network', 'none', ...f.args, f.image]);
      else docker(host, ['run', '--name', f.name, '--network', 'none', ...f.args, f.image, ...(f.command ?? [])]);
    } else if (f.mode === 'run' && s !== 'running') {
      docker(host, ['start', f.name]);
    }
  }
}
