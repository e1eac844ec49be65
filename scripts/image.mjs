#!/usr/bin/env node
// `npm run image`: builds the container image from ./Dockerfile, tagged
// kasm-sysbox-dashboard:local, into the Docker at DOCKER_HOST (default
// unix:///var/run/docker.sock), and prints its size and the size of the layers
// above the Node base.
//
// - Base image: NODE_IMAGE (default node:20-bookworm-slim, the Dockerfile's ARG).
//   Present on the build daemon → used; else `docker pull`; when no registry
//   answers, a STAND-IN is built locally and the script says so: a Debian
//   bookworm minbase rootfs from debootstrap (mirror taken from this machine's
//   apt sources, never written into the repository) plus this machine's Node
//   20 binary and npm, imported under the same name. The debootstrap rootfs is
//   cached under $KSD_SANDBOX_ROOT/image-cache (debootstrap takes minutes).
// - Where it builds: on DOCKER_HOST itself when that daemon can run build steps
//   (no userns-remap, has its bridge network). Otherwise (the test sandboxes:
//   userns-remap, "bridge": "none") a throwaway build dockerd of its own without
//   userns-remap, `--network host`, whose data root is kept for the layer
//   cache; the image then goes `docker save | docker load` into DOCKER_HOST.
// - npm inside the build: this machine's user npmrc and CA file
//   (NODE_EXTRA_CA_CERTS, or npm's cafile) go in as BuildKit secrets, mounted
//   for the `npm ci` step only, never in a layer.
//
//   npm run image [-- --tag NAME] [--stand-in] [--build-daemon]
//     --stand-in       do not try `docker pull` for a missing base; build the stand-in
//     --build-daemon   always build on a throwaway build daemon (root)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ensureDockerPackages, ensurePackages, isRoot, SANDBOX_ROOT } from '../tools/sandbox/sandbox-lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
};
const TAG = opt('--tag', 'kasm-sysbox-dashboard:local');
const NODE_IMAGE = 'node:20-bookworm-slim';
const target = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const cacheDir = path.join(SANDBOX_ROOT, 'image-cache');
const buildDir = path.join(SANDBOX_ROOT, 'image-build');
const log = (...a) => console.error('[image]', ...a);
const MB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

// Debian's docker.io client (/usr/bin/docker, 20.10) has BuildKit built in; a
// newer static client earlier on PATH may want the buildx plugin instead.
const dockerBin = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
function docker(host, args, opts = {}) {
  return execFileSync(dockerBin, ['-H', host, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
}

function apiGet(host, apiPath) {
  if (!host.startsWith('unix://')) return null;
  return new Promise((resolve) => {
    const req = http.request({ socketPath: host.slice('unix://'.length), path: apiPath, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          resolve(null);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** Can the target daemon run Dockerfile RUN steps itself? */
async function targetCanBuild() {
  const info = await apiGet(target, '/info');
  if (!info) return { ok: true, why: '' }; // tcp/ssh endpoints: let docker build try
  if ((info.SecurityOptions ?? []).some((o) => o.includes('name=userns'))) return { ok: false, why: 'it runs with userns-remap' };
  const nets = await apiGet(target, '/networks');
  if (Array.isArray(nets) && !nets.some((n) => n.Name === 'bridge')) return { ok: false, why: 'it has no bridge network' };
  return { ok: true, why: '' };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A throwaway dockerd without userns-remap; its data root stays for the layer cache. */
async function startBuildDaemon() {
  if (!isRoot()) throw new Error('Building for this daemon needs a build daemon of its own, which needs root. Run `sudo npm run image`.');
  ensureDockerPackages();
  fs.mkdirSync(buildDir, { recursive: true });
  const sock = path.join(buildDir, 'docker.sock');
  const pidfile = path.join(buildDir, 'docker.pid');
  const config = path.join(buildDir, 'daemon.json');
  fs.writeFileSync(config, `${JSON.stringify({ bridge: 'none', iptables: false, 'ip-masq': false, features: { buildkit: true } }, null, 2)}\n`);
  const out = fs.openSync(path.join(buildDir, 'dockerd.log'), 'a');
  const child = spawn(
    '/usr/sbin/dockerd',
    ['--config-file', config, '--host', `unix://${sock}`, '--data-root', path.join(buildDir, 'data'), '--exec-root', path.join(buildDir, 'exec'), '--pidfile', pidfile],
    { stdio: ['ignore', out, out], detached: true },
  );
  child.unref();
  const host = `unix://${sock}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if ((await apiGet(host, '/version')) !== null) break;
    await sleep(250);
  }
  if ((await apiGet(host, '/version')) === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // it exited already
    }
    throw new Error(`the build dockerd did not come up; see ${path.join(buildDir, 'dockerd.log')}`);
  }
  log(`build daemon up (pid ${child.pid}, no userns-remap) at ${host}`);
  const stop = async () => {
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const end = Date.now() + 20_000;
    while (Date.now() < end) {
      try {
        process.kill(child.pid, 0);
      } catch {
        return;
      }
      await sleep(200);
    }
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  return { host, stop };
}

/** The `URIs:` (deb822) or `deb` line of this machine's Debian mirror. */
function debianMirror() {
  const files = [];
  const d = '/etc/apt/sources.list.d';
  if (fs.existsSync(d)) for (const f of fs.readdirSync(d)) files.push(path.join(d, f));
  if (fs.existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/^URIs:\s*(\S+)/gm)) if (/\/debian\/?$/.test(m[1])) return m[1];
    for (const m of text.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/gm)) if (/\/debian\/?$/.test(m[1])) return m[1];
  }
  return 'http://deb.debian.org/debian';
}

/** Builds the stand-in node:20-bookworm-slim on `host`: debootstrap minbase (cached) + this machine's Node and npm. */
function buildStandInBase(host) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) log(`warning: this machine runs Node ${process.version}; the stand-in base will carry it under the name ${NODE_IMAGE}`);
  ensurePackages([{ pkg: 'debootstrap', bin: '/usr/sbin/debootstrap' }]);
  fs.mkdirSync(cacheDir, { recursive: true });
  const minbase = path.join(cacheDir, 'bookworm-minbase');
  if (!fs.existsSync(path.join(minbase, 'etc', 'debian_version'))) {
    const tmp = `${minbase}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const mirror = debianMirror();
    log(`debootstrap --variant=minbase bookworm (from ${mirror}; once, cached in ${cacheDir})…`);
    execFileSync('debootstrap', ['--variant=minbase', 'bookworm', tmp, mirror], { stdio: ['ignore', 'ignore', 'inherit'] });
    fs.renameSync(tmp, minbase);
  }
  const rootfs = path.join(cacheDir, 'node-rootfs');
  fs.rmSync(rootfs, { recursive: true, force: true });
  execFileSync('cp', ['-a', minbase, rootfs]);
  // What node:*-slim leaves out too: package caches and lists.
  for (const p of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
    const dir = path.join(rootfs, p);
    if (fs.existsSync(dir)) for (const e of fs.readdirSync(dir)) if (e !== 'partial' && e !== 'lock') fs.rmSync(path.join(dir, e), { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(rootfs, 'usr/local/bin'), { recursive: true });
  fs.mkdirSync(path.join(rootfs, 'usr/local/lib/node_modules'), { recursive: true });
  fs.copyFileSync(process.execPath, path.join(rootfs, 'usr/local/bin/node'));
  fs.chmodSync(path.join(rootfs, 'usr/local/bin/node'), 0o755);
  const npmDir = path.join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm');
  execFileSync('cp', ['-a', npmDir, path.join(rootfs, 'usr/local/lib/node_modules/npm')]);
  fs.symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(rootfs, 'usr/local/bin/npm'));
  fs.symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(rootfs, 'usr/local/bin/npx'));
  // Node's C headers, where the real node image has them (/usr/local/include/node):
  // the Dockerfile compiles better-sqlite3 against them when no prebuilt binary can be fetched.
  const headers = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node');
  if (fs.existsSync(headers)) {
    fs.mkdirSync(path.join(rootfs, 'usr/local/include'), { recursive: true });
    execFileSync('cp', ['-a', headers, path.join(rootfs, 'usr/local/include/node')]);
  }
  pipe('tar -C "$1" -c . | "$2" -H "$3" import -c "ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" -c \'CMD ["node"]\' - "$4" >/dev/null', [rootfs, dockerBin, host, NODE_IMAGE]);
  fs.rmSync(rootfs, { recursive: true, force: true });
  log(`built a STAND-IN ${NODE_IMAGE} (Debian bookworm minbase + this machine's node ${process.version}); with a registry, \`docker pull ${NODE_IMAGE}\` gives the real one`);
}

/** Runs a fixed shell pipeline; values go in as positional parameters ($1…), never into the script text. */
function pipe(script, args) {
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`, 'bash', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`failed (exit ${r.status}): ${script.split('|').map((x) => x.trim().split(' ')[0]).join(' | ')}`);
}

function imageExists(host, name) {
  return spawnSync(dockerBin, ['-H', host, 'image', 'inspect', name], { stdio: 'ignore' }).status === 0;
}

function ensureBase(host) {
  if (imageExists(host, NODE_IMAGE)) {
    log(`base ${NODE_IMAGE}: present`);
    return;
  }
  if (!argv.includes('--stand-in')) {
    log(`base ${NODE_IMAGE}: pulling…`);
    const r = spawnSync(dockerBin, ['-H', host, 'pull', NODE_IMAGE], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 300_000 });
    if (r.status === 0) return;
    log(`no registry answered (${(r.stderr ?? '').trim().split('\n').pop() || 'pull failed'}): building a stand-in`);
  }
  buildStandInBase(host);
}

/** The machine's npm configuration as BuildKit secret flags (files only; never printed). */
function npmSecrets() {
  const flags = [];
  const userconfig = execFileSync('npm', ['config', 'get', 'userconfig'], { encoding: 'utf8' }).trim();
  if (userconfig && fs.existsSync(userconfig)) flags.push('--secret', `id=npmrc,src=${userconfig}`);
  const cafile = process.env.NODE_EXTRA_CA_CERTS || execFileSync('npm', ['config', 'get', 'cafile'], { encoding: 'utf8' }).trim();
  if (cafile && cafile !== 'null' && cafile !== 'undefined' && fs.existsSync(cafile)) flags.push('--secret', `id=ca,src=${cafile}`);
  return flags;
}

async function main() {
  const where = argv.includes('--build-daemon') ? { ok: false, why: '--build-daemon was given' } : await targetCanBuild();
  let daemon = null;
  try {
    let buildHost = target;
    if (!where.ok) {
      log(`DOCKER_HOST ${target} cannot run build steps (${where.why}): building on a throwaway build daemon`);
      daemon = await startBuildDaemon();
      buildHost = daemon.host;
    }
    ensureBase(buildHost);
    log(`docker build -t ${TAG} (Dockerfile, --network host)…`);
    const t0 = Date.now();
    execFileSync(dockerBin, ['-H', buildHost, 'build', '--network', 'host', '--build-arg', `NODE_IMAGE=${NODE_IMAGE}`, ...npmSecrets(), '-t', TAG, '.'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DOCKER_BUILDKIT: '1', NEXT_TELEMETRY_DISABLED: '1' },
    });
    log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const size = Number(docker(buildHost, ['image', 'inspect', '-f', '{{.Size}}', TAG]).trim());
    const baseSize = Number(docker(buildHost, ['image', 'inspect', '-f', '{{.Size}}', NODE_IMAGE]).trim());
    if (daemon) {
      log(`docker save ${TAG} | docker -H ${target} load…`);
      pipe('"$1" -H "$2" save "$3" | "$1" -H "$4" load >/dev/null', [dockerBin, buildHost, TAG, target]);
    }
    const summary = { tag: TAG, dockerHost: target, sizeBytes: size, baseImage: NODE_IMAGE, baseSizeBytes: baseSize, aboveBaseBytes: size - baseSize };
    console.log(`${TAG}: ${MB(size)} in all, ${MB(size - baseSize)} above ${NODE_IMAGE} (${MB(baseSize)}), loaded into ${target}`);
    console.log(`IMAGE_SUMMARY ${JSON.stringify(summary)}`);
  } finally {
    if (daemon) await daemon.stop();
  }
}

main().catch((err) => {
  console.error(`[image] failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
