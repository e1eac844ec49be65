#!/usr/bin/env node
// A STAND-IN Sysbox installation, in a private mount namespace, for the
// "Ready since" e2e (issue #18; e2e/standin-sysbox/ready-since.spec.ts).
// It is NOT Sysbox: nothing here isolates a container. It makes the host's
// files and processes look exactly like an installed Sysbox CE so that the
// dashboard's honest checks (lib/sysbox/host-checks.ts) can all pass, without
// ever writing to the real machine's /usr/bin:
//
// - `unshare --mount --pid --fork --mount-proc` (it re-executes itself there: its own
//   mount namespace and its own pid namespace with its own /proc), then
//   a read-only overlayfs over /usr/bin whose upper layer holds
//     /usr/bin/sysbox-runc  a shell script that execs runc (like the sandbox harness's stand-in),
//     /usr/bin/sysbox-mgr   a copy of coreutils `sleep`,
//     /usr/bin/sysbox-fs    a copy of coreutils `sleep`,
//   the paths the sysbox-ce package installs (domain.md §3; nestybox/sysbox
//   docs/user-guide/install-package.md). The overlay exists only in this
//   namespace: the machine's /usr/bin is untouched.
// - A HOST_ROOT fixture (DIR/host-root) with what the Sysbox installer leaves:
//     etc/docker/daemon.json  the installer's runtime + networks ("bip", "default-address-pools",
//                             lib/sysbox/daemon-json.ts), the very file this dockerd runs with;
//     etc/subuid, etc/subgid  this machine's own files (their sysbox line, added by the sandbox
//                             harness like the installer does: never the guide's 296608);
//     var/lib/dpkg/status     a sysbox-ce 0.6.4 entry (the guide's version), "install ok installed";
//     etc/os-release          a STAND-IN Ubuntu 22.04 (see OS_RELEASE below for why);
//     usr/bin                 a bind mount of the overlaid /usr/bin (the same files dockerd runs).
// - Its own dockerd (in its own network namespace too, so the daemon.json's
//   "bip" bridge exists only there), registering sysbox-runc at /usr/bin/sysbox-runc.
// - Its own dashboard server (scripts/start.mjs --no-build) with HOST_ROOT=the
//   fixture, HOST_PROC=/proc (the namespace's: it sees the stand-in services'
//   /proc/<pid>/exe = /usr/bin/sysbox-mgr, and not a real Sysbox this machine
//   may run), its own history folder and a
//   5-second verdict re-check.
// - The services start only when told ("services" on stdin), so the timeline
//   records a real change: Not ready (sysbox.services fails) → Ready.
//
// Usage (root): node scripts/standin-sysbox.mjs --dir DIR --port PORT [--audit-log FILE]
//   stdout: one JSON line per event: {"event":"ready","url","dockerHost","hostRoot","pids"},
//           {"event":"services","pids"}, {"event":"stopped"}.
//   stdin:  "services" starts the stand-in sysbox-mgr and sysbox-fs; end of stdin,
//           SIGTERM or SIGINT stops everything it started, by pid, and removes DIR.
//   --audit-log: the server reaches dockerd through the recording proxy of
//           scripts/docker-recording-proxy.mjs, logging to FILE (the e2e audit).
// Environment: DASHBOARD_* variables are passed on to the server (password, token, data dir).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { startRecordingProxy } from './docker-recording-proxy.mjs';
import { dockerRequest, ensureDockerPackages, ensureSysboxUser, isRoot } from '../tools/sandbox/sandbox-lib.mjs';
import { childOf, layOverUsrBin, sh, stopPid, tail, waitFor } from './standin-sysbox-helpers.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const NS_MARK = 'KSD_STANDIN_SYSBOX_NS';
const log = (...a) => console.error('[standin-sysbox]', ...a);
const emit = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

/** The sysbox-ce version the fixture's dpkg entry claims: the Kasm guide's (lib/sysbox/packages.ts SYSBOX_GUIDE). */
export const STANDIN_SYSBOX_VERSION = '0.6.4';

/**
 * The fixture's /etc/os-release: a STAND-IN Ubuntu 22.04, the distro Kasm's
 * Sysbox guide uses. Why not this machine's own: the test machines run Debian 12,
 * and Sysbox publishes packages only for Ubuntu 18.04–24.04 and Debian 10–11
 * (domain.md §3; lib/sysbox/os.ts), so `host.os` honestly warns there and the
 * verdict can only be "degraded". The OS is not part of a Sysbox installation;
 * every other fact the checks read (kernel from Docker's /info, user namespaces
 * from /proc/sys, the subuid range, processes) is this machine's own.
 */
export const OS_RELEASE = `PRETTY_NAME="Ubuntu 22.04.4 LTS (stand-in os-release for the stand-in Sysbox test)"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
`;

/** The paragraph the sysbox-ce .deb leaves in /var/lib/dpkg/status (a STAND-IN entry: no package was installed). */
const DPKG_STATUS = `Package: sysbox-ce
Status: install ok installed
Priority: optional
Section: devel
Installed-Size: 56000
Maintainer: Nestybox <contact@nestybox.com>
Architecture: amd64
Version: ${STANDIN_SYSBOX_VERSION}-0.linux
Depends: jq, fuse, rsync, iptables
Description: STAND-IN entry written by scripts/standin-sysbox.mjs for a test; this is not Sysbox.
`;

/** What the Sysbox installer merges into daemon.json (lib/sysbox/daemon-json.ts), plus "iptables": false (no host firewall changes). */
const DAEMON_JSON = {
  runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } },
  bip: '172.20.0.1/16',
  'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
  iptables: false,
  'ip-masq': false,
};

const RUNC_STANDIN = `#!/bin/sh
# STAND-IN for tests (scripts/standin-sysbox.mjs): this is NOT Sysbox. It is runc installed as /usr/bin/sysbox-runc
# inside a private mount namespace.
exec /usr/sbin/runc "$@"
`;

/**
 * Outside the namespaces: re-run this script under unshare, in a private mount
 * namespace AND a private pid namespace with its own /proc. The pid namespace
 * makes the test independent of the machine (a real Sysbox running here is not
 * seen by the stand-in host's HOST_PROC) and guarantees cleanup: when the script
 * (pid 1 there) exits, the kernel kills whatever is left in the namespace, and
 * the mounts go with it. Then the folder is removed.
 */
function outer() {
  if (!isRoot()) {
    console.error('The stand-in Sysbox needs root (a mount namespace, an overlay over /usr/bin, a dockerd).');
    process.exit(2);
  }
  const dir = arg('dir');
  const child = spawn(
    'unshare',
    ['--mount', '--propagation', 'private', '--pid', '--fork', '--mount-proc', '--kill-child=SIGTERM', process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, [NS_MARK]: '1' } },
  );
  // unshare --fork ignores SIGTERM and SIGINT while it waits: pass them to the script itself (unshare's child).
  for (const sig of ['SIGTERM', 'SIGINT']) {
    process.on(sig, () => {
      const inner = child.pid ? childOf(child.pid) : null;
      if (inner) process.kill(inner, 'SIGTERM');
      else child.kill('SIGKILL');
    });
  }
  child.on('exit', (code, signal) => {
    if (dir && fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code ?? (signal ? 1 : 0));
  });
}

async function inner() {
  const dir = path.resolve(arg('dir', '/tmp/ksd-standin-sysbox'));
  const port = Number(arg('port', '3820'));
  const auditLog = arg('audit-log');
  ensureDockerPackages();
  // The sandbox harness's sysbox user and subuid/subgid line, as the Sysbox installer adds them.
  ensureSysboxUser();

  fs.rmSync(dir, { recursive: true, force: true });
  const bin = path.join(dir, 'standin-usr-bin');
  const hostRoot = path.join(dir, 'host-root');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'sysbox-runc'), RUNC_STANDIN, { mode: 0o755 });
  // A copy of `sleep` named sysbox-mgr: /proc/<pid>/comm is then "sysbox-mgr" and /proc/<pid>/exe the file it was started from.
  for (const name of ['sysbox-mgr', 'sysbox-fs']) {
    fs.copyFileSync('/usr/bin/sleep', path.join(bin, name));
    fs.chmodSync(path.join(bin, name), 0o755);
  }
  for (const name of ['sysbox-runc', 'sysbox-mgr', 'sysbox-fs']) {
    if (fs.existsSync(`/usr/bin/${name}`)) log(`note: this machine has a real /usr/bin/${name}; the stand-in hides it inside the namespace only`);
  }

  log(`stand-in binaries laid over /usr/bin in this namespace with ${layOverUsrBin(bin, dir)}`);

  for (const d of ['etc/docker', 'var/lib/dpkg', 'usr/bin']) fs.mkdirSync(path.join(hostRoot, d), { recursive: true });
  const daemonJson = path.join(hostRoot, 'etc/docker/daemon.json');
  fs.writeFileSync(daemonJson, `${JSON.stringify(DAEMON_JSON, null, 2)}\n`);
  fs.copyFileSync('/etc/subuid', path.join(hostRoot, 'etc/subuid'));
  fs.copyFileSync('/etc/subgid', path.join(hostRoot, 'etc/subgid'));
  fs.writeFileSync(path.join(hostRoot, 'etc/os-release'), OS_RELEASE);
  fs.writeFileSync(path.join(hostRoot, 'var/lib/dpkg/status'), DPKG_STATUS);
  sh('mount', ['--bind', '/usr/bin', path.join(hostRoot, 'usr/bin')]);

  const pids = {};
  const children = [];
  let proxy = null;
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    // Reverse order of start (the services, the server, dockerd), then the recording proxy. Pids of this pid namespace.
    for (const c of [...children].reverse()) await stopPid(c.pid, c.what);
    if (proxy) await proxy.close().catch((err) => log(`recording proxy close: ${err instanceof Error ? err.message : err}`));
    emit({ event: 'stopped' });
    process.exit(code);
  };
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGINT', () => void stopAll(0));

  try {
    // dockerd: its own network namespace (the daemon.json bridge 172.20.0.1/16 lives there only), this mount namespace.
    const socket = path.join(dir, 'docker.sock');
    const dockerLog = path.join(dir, 'dockerd.log');
    const dockerd = spawn(
      'unshare',
      [
        '--net',
        '/usr/sbin/dockerd',
        '--config-file', daemonJson,
        '--host', `unix://${socket}`,
        '--data-root', path.join(dir, 'data'),
        '--exec-root', path.join(dir, 'exec'),
        '--pidfile', path.join(dir, 'docker.pid'),
      ],
      { stdio: ['ignore', fs.openSync(dockerLog, 'a'), fs.openSync(dockerLog, 'a')] },
    );
    // unshare execs dockerd: the pid is dockerd's.
    children.push({ pid: dockerd.pid, what: 'dockerd' });
    pids.dockerd = dockerd.pid;
    await waitFor('dockerd', async () => (await dockerRequest(socket, '/_ping', { timeoutMs: 1000 })).status === 200, dockerd).catch((err) => {
      throw new Error(`${err.message}\n${tail(dockerLog)}`);
    });
    let dockerHost = `unix://${socket}`;
    if (auditLog) {
      proxy = await startRecordingProxy({ upstreamSocket: socket, listenSocket: path.join(dir, 'recording-proxy.sock'), logFile: auditLog });
      dockerHost = proxy.dockerHost;
    }

    const serverLog = path.join(dir, 'server.log');
    const passOn = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DASHBOARD_')));
    const server = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--no-build'], {
      cwd: root,
      stdio: ['ignore', fs.openSync(serverLog, 'a'), fs.openSync(serverLog, 'a')],
      env: {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
        HOME: process.env.HOME ?? dir,
        NODE_ENV: 'production',
        // Never the user's default data dir: the caller's (the e2e shares its session key), else one under DIR.
        DASHBOARD_DATA_DIR: path.join(dir, 'dashboard-data'),
        ...passOn,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        DOCKER_HOST: dockerHost,
        HOST_ROOT: hostRoot,
        HOST_PROC: '/proc',
        DASHBOARD_HISTORY_DIR: path.join(dir, 'history'),
        DASHBOARD_HISTORY_CHECK_SECONDS: '5',
      },
    });
    children.push({ pid: server.pid, what: 'dashboard server' });
    pids.server = server.pid;
    const url = `http://127.0.0.1:${port}`;
    await waitFor('dashboard server', async () => (await fetch(`${url}/api/health`)).status === 200, server).catch((err) => {
      throw new Error(`${err.message}\n${tail(serverLog)}`);
    });
    emit({ event: 'ready', url, dockerHost, hostRoot, dir, pids });

    const rl = readline.createInterface({ input: process.stdin });
    rl.on('line', (line) => {
      if (line.trim() !== 'services' || pids['sysbox-mgr']) return;
      // Started FROM /usr/bin/<name>, so /proc/<pid>/exe is /usr/bin/<name>; "infinity" is sleep's argument.
      for (const name of ['sysbox-mgr', 'sysbox-fs']) {
        const c = spawn(`/usr/bin/${name}`, ['infinity'], { stdio: 'ignore' });
        children.push({ pid: c.pid, what: name });
        pids[name] = c.pid;
      }
      emit({ event: 'services', pids });
    });
    rl.on('close', () => void stopAll(0));
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    await stopAll(1);
  }
}

if (process.env[NS_MARK] === '1') await inner();
else outer();
