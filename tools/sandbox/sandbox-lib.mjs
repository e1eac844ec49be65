// Real-Docker test harness: a throwaway dockerd configured like a Sysbox host.
//
// - Debian's docker.io (installed with apt-get when missing; needs root).
// - userns-remap to a `sysbox` user whose /etc/subuid and /etc/subgid line
//   (sysbox:231072:65536) is added when absent: the kernel's user namespaces
//   then map container root to 231072 exactly as Sysbox CE does. 231072 is
//   deliberately NOT the guide's example 296608, so a test that hard-codes the
//   guide's numbers fails; tests read the range from `sandbox.subuidStart`.
// - A runtime registered under the name `sysbox-runc` that is a STAND-IN: a
//   shell script that execs runc. It is not Sysbox. Its path says so
//   (…/sysbox-runc-STANDIN-is-runc), and the dashboard must not (and does not)
//   call a host healthy because of the name.
// - "bridge": "none", "iptables": false: no networks, no traffic.
// - Imports a tiny busybox image tagged like a Kasm core image.
// - Everything lives under one folder; teardown stops dockerd by its pid.
//
// Split in parts beside this file (standin.mjs, packages.mjs, docker-api.mjs,
// tls.mjs); this module re-exports them, so importers use this one path.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dockerCli, dockerRequest } from './docker-api.mjs';
import { ensureDockerPackages, ensurePackages, isRoot, which } from './packages.mjs';
import { STANDIN_NAME, STANDIN_SCRIPT } from './standin.mjs';
import { makeTlsMaterial } from './tls.mjs';

export { dockerRequest, sandboxDocker } from './docker-api.mjs';
export { ensureDockerPackages, ensurePackages, isRoot } from './packages.mjs';
export { STANDIN_FAIL_ENV, STANDIN_FAILURES } from './standin.mjs';
export { makeTlsMaterial } from './tls.mjs';

export const SANDBOX_ROOT = process.env.KSD_SANDBOX_ROOT || '/tmp/ksd-sandbox';
export const SUBID_START = 231072;
export const SUBID_COUNT = 65536;
export const KASM_IMAGE = 'kasmweb/core-ubuntu-jammy:sandbox';
export const PLAIN_IMAGE = 'local/busybox:sandbox';

const log = (...a) => console.error('[sandbox]', ...a);

/** The sysbox user and its subordinate id line, like the Sysbox installer makes. */
export function ensureSysboxUser() {
  if (spawnSync('id', ['sysbox']).status !== 0) {
    execFileSync('useradd', ['-r', '-M', '-s', '/bin/false', 'sysbox']);
  }
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (!/^sysbox:/m.test(text)) {
      const sep = text === '' || text.endsWith('\n') ? '' : '\n';
      fs.appendFileSync(file, `${sep}sysbox:${SUBID_START}:${SUBID_COUNT}\n`);
      log(`added sysbox:${SUBID_START}:${SUBID_COUNT} to ${file}`);
    }
  }
}

/** The subuid start actually configured for `sysbox` (the first line, if several). */
export function sysboxSubidStart(file = '/etc/subuid') {
  const m = /^sysbox:(\d+):(\d+)/m.exec(fs.readFileSync(file, 'utf8'));
  return m ? Number(m[1]) : null;
}

export function paths(name) {
  const dir = path.join(SANDBOX_ROOT, name);
  return {
    dir,
    socket: path.join(dir, 'docker.sock'),
    dockerHost: `unix://${path.join(dir, 'docker.sock')}`,
    pidfile: path.join(dir, 'docker.pid'),
    log: path.join(dir, 'dockerd.log'),
    config: path.join(dir, 'daemon.json'),
    standin: path.join(dir, 'bin', STANDIN_NAME),
  };
}

async function ping(socket) {
  try {
    const r = await dockerRequest(socket, '/_ping', { timeoutMs: 1000 });
    return r.status === 200;
  } catch {
    return false;
  }
}

export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(pidfile) {
  try {
    const pid = Number(fs.readFileSync(pidfile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function buildRootfs(dir) {
  const root = path.join(dir, 'rootfs');
  fs.rmSync(root, { recursive: true, force: true });
  for (const d of ['bin', 'sbin', 'etc', 'tmp', 'home/kasm-user', 'root', 'proc', 'sys', 'dev', 'usr/bin', 'data']) {
    fs.mkdirSync(path.join(root, d), { recursive: true });
  }
  fs.copyFileSync('/bin/busybox', path.join(root, 'bin/busybox'));
  fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
  const applets = ['sh', 'sleep', 'id', 'cat', 'ls', 'touch', 'stat', 'echo', 'mkdir', 'true', 'false', 'rm', 'env', 'ps', 'tail', 'su', 'chown', 'whoami'];
  for (const a of applets) fs.symlinkSync('busybox', path.join(root, 'bin', a));
  // A stand-in /sbin/init: the test image has no systemd; it only stays up like an init would.
  fs.writeFileSync(path.join(root, 'sbin/init'), '#!/bin/sh\n# test image stand-in for systemd: stays up\nexec /bin/sleep 2147483647\n', { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'usr/bin/desktop_ready'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nkasm-user:x:1000:1000::/home/kasm-user:/bin/sh\n');
  fs.writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\nkasm-user:x:1000:\n');
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  execFileSync('chown', ['-R', '1000:1000', path.join(root, 'home/kasm-user')]);
  return root;
}

async function importImages(p) {
  const list = JSON.parse((await dockerRequest(p.socket, '/images/json')).body);
  const tags = new Set(list.flatMap((i) => i.RepoTags ?? []));
  if (tags.has(KASM_IMAGE) && tags.has(PLAIN_IMAGE)) return;
  const root = buildRootfs(p.dir);
  const tar = path.join(p.dir, 'rootfs.tar');
  execFileSync('tar', ['-C', root, '-cf', tar, '.']);
  const importOne = (tag, labels) =>
    dockerCli(p.dockerHost, ['import', ...labels.flatMap((l) => ['--change', `LABEL ${l}`]), '--change', 'CMD ["/bin/sleep","2147483647"]', tar, tag]);
  importOne(KASM_IMAGE, ['com.kasmweb.image=true']);
  importOne(PLAIN_IMAGE, []);
  log(`imported ${KASM_IMAGE} and ${PLAIN_IMAGE} (busybox test images)`);
}

/**
 * Starts (or reuses) the sandbox daemon `name`. Returns
 * { name, dir, dockerHost, socket, pid, started, subuidStart }.
 * `started` is true when this call started it (the caller then stops it).
 */
export async function startSandbox(name = 'main', { extraConfig = {}, hosts, tlsPort } = {}) {
  if (!isRoot()) {
    throw new Error('The real-Docker sandbox needs root (it starts dockerd with user-namespace remapping). Run the tests as root.');
  }
  ensureDockerPackages();
  if (!which('docker')) ensurePackages([{ pkg: 'docker.io', bin: '/usr/bin/docker' }]);
  ensureSysboxUser();
  const p = paths(name);
  fs.mkdirSync(path.join(p.dir, 'bin'), { recursive: true });
  // Written before the reuse check: a daemon that is already up runs the current script on its next exec.
  fs.writeFileSync(p.standin, STANDIN_SCRIPT, { mode: 0o755 });
  const existing = readPid(p.pidfile);
  if (existing && pidAlive(existing) && (await ping(p.socket))) {
    await importImages(p);
    const reusedTls = tlsPort ? makeTlsMaterial(p.dir) : null;
    return { name, ...p, pid: existing, started: false, subuidStart: sysboxSubidStart(), tls: reusedTls, tcp: tlsPort ? `tcp://127.0.0.1:${tlsPort}` : null };
  }
  let tls = null;
  if (tlsPort) {
    tls = makeTlsMaterial(p.dir);
    hosts = [...(hosts ?? []), `tcp://127.0.0.1:${tlsPort}`];
    extraConfig = { tls: true, tlsverify: true, tlscacert: tls.ca, tlscert: tls.serverCert, tlskey: tls.serverKey, ...extraConfig };
  }
  const config = {
    'userns-remap': 'sysbox',
    bridge: 'none',
    iptables: false,
    'ip-masq': false,
    runtimes: { 'sysbox-runc': { path: p.standin } },
    ...extraConfig,
  };
  fs.writeFileSync(p.config, `${JSON.stringify(config, null, 2)}\n`);
  const out = fs.openSync(p.log, 'a');
  const args = [
    '--config-file', p.config,
    '--host', `unix://${p.socket}`,
    ...(hosts ?? []).flatMap((h) => ['--host', h]),
    '--data-root', path.join(p.dir, 'data'),
    '--exec-root', path.join(p.dir, 'exec'),
    '--pidfile', p.pidfile,
  ];
  const child = spawn('/usr/sbin/dockerd', args, { stdio: ['ignore', out, out], detached: true });
  child.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await ping(p.socket)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!(await ping(p.socket))) {
    const tail = fs.existsSync(p.log) ? fs.readFileSync(p.log, 'utf8').split('\n').slice(-15).join('\n') : '';
    if (child.pid) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    throw new Error(`dockerd did not come up on ${p.socket}. Last log lines:\n${tail}`);
  }
  await importImages(p);
  log(`dockerd ${name} up (pid ${child.pid}) at ${p.dockerHost}; runtime "sysbox-runc" is a stand-in (runc)`);
  return { name, ...p, pid: child.pid, started: true, subuidStart: sysboxSubidStart(), tls, tcp: tlsPort ? `tcp://127.0.0.1:${tlsPort}` : null };
}

/** Stops the sandbox daemon by its pid (never by name) and, unless keep, removes its folder. */
export async function stopSandbox(name = 'main', { keep = false } = {}) {
  const p = paths(name);
  const pid = readPid(p.pidfile);
  if (pid && pidAlive(pid)) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
    const deadline = Date.now() + 20_000;
    while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    if (pidAlive(pid)) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }
  if (!keep) {
    // Unmount anything dockerd left behind under the folder before removing it.
    const mounts = fs.readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m && m.startsWith(p.dir + '/')).sort().reverse();
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
}
