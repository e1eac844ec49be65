import { execFileSync } from 'node:child_process';
import type { HostConfig } from '@/lib/server/hosts';
import type { Sandbox } from '../../tools/sandbox/sandbox-lib.mjs';

/** A HostConfig for a sandbox daemon (the code under test takes hosts as values). */
export function sandboxHost(sandbox: Sandbox, files: HostConfig['files'] = { root: '/', proc: '/proc' }): HostConfig {
  return {
    id: 'local',
    name: `sandbox-${sandbox.name}`,
    kind: 'docker',
    docker: { url: sandbox.dockerHost, tlsVerify: false },
    files,
  };
}

/** Tests create their fixtures with the docker CLI; the dashboard itself never writes to Docker. */
export function docker(sandbox: Sandbox, args: string[]): string {
  return execFileSync('docker', ['-H', sandbox.dockerHost, ...args], { encoding: 'utf8' }).trim();
}

/** The sandbox's test images (imported by tools/sandbox/sandbox-lib.mjs), named once there. */
export { KASM_IMAGE, PLAIN_IMAGE } from '../../tools/sandbox/sandbox-lib.mjs';
