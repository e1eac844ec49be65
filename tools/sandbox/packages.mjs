// Root and apt-get for the harness: installs what a test needs on a fresh
// machine (CI runs as root). Re-exported by tools/sandbox/sandbox-lib.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const log = (...a) => console.error('[sandbox]', ...a);

export function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let aptUpdated = false;
/** apt-get install the packages whose probe binary is missing. */
export function ensurePackages(pkgs) {
  const missing = pkgs.filter((p) => !fs.existsSync(p.bin));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (!isRoot()) {
    throw new Error(`Missing ${names.join(', ')}. Install them as root: sudo apt-get install -y ${names.join(' ')}`);
  }
  log(`installing ${names.join(' ')} with apt-get (one-time)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

export function ensureDockerPackages() {
  ensurePackages([
    { pkg: 'docker.io', bin: '/usr/sbin/dockerd' },
    { pkg: 'busybox-static', bin: '/bin/busybox' },
    { pkg: 'runc', bin: '/usr/sbin/runc' },
  ]);
}
