import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, stopSandbox, type Sandbox } from '../../tools/sandbox/sandbox-lib.mjs';
import { readmeDockerRun } from '../support/readme-docker-run';
import { waitFor } from '../support/wait-for';

/**
 * The container image, end to end on a real dockerd: `npm run image` builds it
 * from ./Dockerfile (on this machine: a stand-in node:20-bookworm-slim and a
 * throwaway build daemon, see scripts/image.mjs) into a sandbox daemon set up
 * like a Sysbox host (userns-remap; its `sysbox-runc` is a STAND-IN for runc),
 * then runs it with exactly the README's `docker run` flags. Adjusted only where
 * a test must: the sandbox's socket path, `--userns=host` (the README says to add
 * it on userns-remap daemons), a HOST_ROOT fixture in place of the machine's `/`
 * (so the facts are the fixture's, not this machine's), a free PORT, an API
 * token to call the API with, and a container/volume name of the test's own.
 */
const root = path.resolve(__dirname, '../..');
const TAG = 'kasm-sysbox-dashboard:local';
const TOKEN = 'image-test-token-0123456789abcdef';
const PORT = Number(process.env.KSD_E2E_PORT ?? 3100) + 8;
const NAME = `ksd-image-test-${process.pid}`;
const VOLUME = `${NAME}-data`;
// Distinct from the guide's 296608, so the figure can only come from the fixture.
const SUBID = 431072;

let sandbox: Sandbox;
let hostRoot = '';
let imageOutput = '';
let summary: { sizeBytes: number; baseSizeBytes: number; aboveBaseBytes: number; baseImage: string } | null = null;
let containerId = '';
let startedSandbox = false;

function docker(args: string[], opts: { input?: string } = {}): string {
  return execFileSync('docker', ['-H', sandbox.dockerHost, ...args], { encoding: 'utf8', ...opts }).trim();
}

/** The README line with the test's adjustments (see the comment at the top). */
function adjustedRunArgs(): string[] {
  const run = readmeDockerRun();
  const args: string[] = [];
  for (let i = 0; i < run.argv.length; i++) {
    const a = run.argv[i] ?? '';
    const v = run.argv[i + 1] ?? '';
    if (a === '--name') {
      args.push('--name', NAME);
      i++;
    } else if (a === '-v' && v.startsWith('/var/run/docker.sock:')) {
      args.push('-v', `${sandbox.socket}:/var/run/docker.sock:ro`);
      i++;
    } else if (a === '-v' && v === '/:/host:ro') {
      args.push('-v', `${hostRoot}:/host:ro`);
      i++;
    } else if (a === '-v' && v.startsWith('kasm-sysbox-dashboard-data:')) {
      args.push('-v', `${VOLUME}:/data`);
      i++;
    } else if (a === run.image) {
      args.push('--userns=host', '-e', `PORT=${PORT}`, '-e', `DASHBOARD_API_TOKEN=${TOKEN}`, a);
    } else {
      args.push(a);
    }
  }
  return args;
}

async function get(p: string, auth = true): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${PORT}${p}`, { headers: auth ? { Authorization: `Bearer ${TOKEN}` } : {}, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (e.g. the favicon)
  }
  return { status: res.status, body };
}

/** The container's last log lines, for a wait that gives up. */
function containerLogs(): string {
  if (!containerId) return '';
  const logs = spawnSync('docker', ['-H', sandbox.dockerHost, 'logs', '--tail', '40', containerId], { encoding: 'utf8' });
  return `${logs.stdout}${logs.stderr}`;
}
const WAIT = { intervalMs: 500, details: containerLogs };

beforeAll(async () => {
  sandbox = (await startSandbox('image')) as Sandbox;
  startedSandbox = sandbox.started;
  hostRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-image-host-'));
  fs.cpSync(path.join(root, 'test/fixtures/host-sysbox-ready'), hostRoot, { recursive: true });
  fs.writeFileSync(path.join(hostRoot, 'etc/subuid'), `kasm-user:100000:65536\nsysbox:${SUBID}:65536\n`);
  fs.writeFileSync(path.join(hostRoot, 'etc/subgid'), `kasm-user:100000:65536\nsysbox:${SUBID}:65536\n`);
  fs.chmodSync(hostRoot, 0o755);

  const r = spawnSync(process.execPath, ['scripts/image.mjs'], {
    cwd: root,
    env: { ...process.env, DOCKER_HOST: sandbox.dockerHost },
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  imageOutput = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`npm run image failed (${r.status}):\n${imageOutput.slice(-4000)}`);
  const line = /^IMAGE_SUMMARY (.*)$/m.exec(r.stdout);
  summary = line?.[1] ? JSON.parse(line[1]) : null;
  // The measured size, in the test log (README "In a container" states it).
  console.log(/^kasm-sysbox-dashboard:local: .*$/m.exec(r.stdout)?.[0] ?? 'npm run image printed no size line');

  spawnSync('docker', ['-H', sandbox.dockerHost, 'rm', '-f', NAME], { stdio: 'ignore' });
  containerId = docker(['run', ...adjustedRunArgs()]);
});

afterAll(async () => {
  if (sandbox) {
    spawnSync('docker', ['-H', sandbox.dockerHost, 'rm', '-f', NAME], { stdio: 'ignore' });
    spawnSync('docker', ['-H', sandbox.dockerHost, 'volume', 'rm', VOLUME], { stdio: 'ignore' });
    if (startedSandbox) await stopSandbox('image');
  }
  if (hostRoot) fs.rmSync(hostRoot, { recursive: true, force: true });
});

describe('npm run image (Dockerfile) on a real dockerd; the sandbox runtime "sysbox-runc" is a STAND-IN', () => {
  it('builds kasm-sysbox-dashboard:local from the Dockerfile and prints its size; layers above the Node base <= 60 MB', () => {
    expect(summary).not.toBeNull();
    expect(imageOutput).toMatch(/kasm-sysbox-dashboard:local: [\d.]+ MB in all, [\d.]+ MB above node:20-bookworm-slim/);
    expect(summary?.baseImage).toBe('node:20-bookworm-slim');
    expect(summary?.aboveBaseBytes).toBeLessThanOrEqual(60e6);
    // The README states the measured figure.
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/layers above the Node base: \*\*[\d.]+ MB\*\*/);
  });

  it('the image: one process from the standalone output, OCI labels, HEALTHCHECK, /data volume, host defaults', () => {
    const cfg = JSON.parse(docker(['image', 'inspect', '-f', '{{json .Config}}', TAG])) as {
      Cmd: string[];
      Env: string[];
      Labels: Record<string, string>;
      Healthcheck?: { Test: string[] };
      Volumes: Record<string, unknown>;
      WorkingDir: string;
    };
    expect(cfg.Cmd).toEqual(['node', 'server.js']);
    expect(cfg.WorkingDir).toBe('/app');
    expect(cfg.Env).toEqual(expect.arrayContaining(['HOST_ROOT=/host', 'HOST_PROC=/proc', 'HOSTNAME=127.0.0.1', 'NEXT_TELEMETRY_DISABLED=1', 'DASHBOARD_DATA_DIR=/data/state']));
    expect(cfg.Labels['org.opencontainers.image.title']).toBe('kasm-sysbox-dashboard');
    expect(cfg.Labels['org.opencontainers.image.licenses']).toBe('MIT');
    expect(cfg.Healthcheck?.Test).toEqual(['CMD', 'node', '/app/healthcheck.cjs']);
    expect(Object.keys(cfg.Volumes)).toEqual(['/data']);
    // Only the standalone output: no sources, no dev dependencies, no npm config.
    const files = docker(['run', '--rm', '--userns=host', '--network', 'none', '--entrypoint', 'sh', TAG, '-c', 'ls -A /app; ls /app/node_modules; ls -A /root']).split('\n');
    expect(files).toEqual(expect.arrayContaining(['server.js', 'check-env.cjs', 'healthcheck.cjs', 'public', '.next', 'node_modules', 'next', 'react']));
    for (const absent of ['app', 'components', 'lib', 'typescript', 'vitest', 'eslint', '@playwright', '@img', '.npmrc']) expect(files).not.toContain(absent);
  });

  it('runs with exactly the README flags: read-only root, --cap-drop ALL + the documented capabilities (none), no-new-privileges', () => {
    const run = readmeDockerRun();
    const hc = JSON.parse(docker(['inspect', '-f', '{{json .HostConfig}}', NAME])) as {
      ReadonlyRootfs: boolean;
      CapDrop: string[] | null;
      CapAdd: string[] | null;
      SecurityOpt: string[] | null;
      PidMode: string;
      NetworkMode: string;
      UsernsMode: string;
      Tmpfs: Record<string, string>;
      Binds: string[];
      RestartPolicy: { Name: string };
    };
    expect(hc.ReadonlyRootfs).toBe(true);
    expect(hc.CapDrop).toEqual(['ALL']);
    expect(hc.CapAdd ?? []).toEqual(run.capAdd);
    expect(run.capAdd).toEqual([]);
    // (Docker adds label=disable itself for --pid host.)
    expect(hc.SecurityOpt).toContain('no-new-privileges');
    expect(hc.SecurityOpt?.filter((o) => o !== 'label=disable')).toEqual(run.securityOpt);
    expect(hc.PidMode).toBe('host');
    expect(hc.NetworkMode).toBe('host');
    expect(hc.UsernsMode).toBe('host');
    expect(Object.keys(hc.Tmpfs).sort()).toEqual(['/app/.next/cache', '/tmp']);
    expect(hc.RestartPolicy.Name).toBe('unless-stopped');
    const pid = Number(docker(['inspect', '-f', '{{.State.Pid}}', NAME]));
    // No capability at all in the running server process.
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    expect(/^CapEff:\s+(\w+)$/m.exec(status)?.[1]).toBe('0000000000000000');
    expect(/^NoNewPrivs:\s+(\d)$/m.exec(status)?.[1]).toBe('1');
  });

  it('answers /api/health, from one Node process with no child', async () => {
    const health = await waitFor('/api/health', async () => ((await get('/api/health', false)).status === 200 ? true : null), 120_000, WAIT);
    expect(health).toBe(true);
    const pid = Number(docker(['inspect', '-f', '{{.State.Pid}}', NAME]));
    expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual(['node', 'server.js']);
    const children = fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
        } catch {
          return false;
        }
      });
    expect(children).toEqual([]);
    const fav = await fetch(`http://127.0.0.1:${PORT}/favicon.ico`);
    expect(fav.status).toBe(200);
    expect(fav.headers.get('content-type')).toMatch(/image\//);
  });

  it('GET /api/v1/hosts/local/status reports the host facts read through /host (the fixture), not the guide example', async () => {
    const r = await waitFor('status', async () => {
      const x = await get('/api/v1/hosts/local/status');
      return x.status === 200 ? x : null;
    }, 60_000, WAIT);
    const st = r.body as { facts: { subid: unknown; daemonJson: { path: string; raw: string | null }; docker: { securityOptions: string[] } | null } };
    expect(st.facts.subid).toEqual({ uid: { start: SUBID, count: 65536 }, gid: { start: SUBID, count: 65536 } });
    expect(st.facts.daemonJson.raw).toBe(fs.readFileSync(path.join(hostRoot, 'etc/docker/daemon.json'), 'utf8'));
    expect(st.facts.daemonJson.path).toBe('/etc/docker/daemon.json');
    expect(st.facts.docker?.securityOptions).toContain('name=userns');
  });

  it('GET /api/v1/hosts/local/containers lists the dashboard container itself, with its runtime and its live ID map', async () => {
    const r = await get(`/api/v1/hosts/local/containers?q=${encodeURIComponent(NAME)}`);
    expect(r.status).toBe(200);
    const body = r.body as { items: { id: string; name: string; runtime: string; state: string; idMap?: unknown }[] };
    const me = body.items.find((c) => c.name === NAME);
    expect(me).toMatchObject({ id: containerId, runtime: 'runc', state: 'running' });
    const detail = await get(`/api/v1/hosts/local/containers/${containerId}`);
    expect(detail.status).toBe(200);
    // --userns=host: its own map is the identity, read from the host's /proc without any capability.
    expect((detail.body as { idMap: unknown }).idMap).toEqual({ uid: [{ inside: 0, outside: 0, length: 4294967295 }], gid: [{ inside: 0, outside: 0, length: 4294967295 }] });
    expect((detail.body as { pidMode: string; networkMode: string }).pidMode).toBe('host');
  });

  it("reads a userns-remapped container's uid_map without capabilities; /proc/<pid>/exe of root's dockerd would need SYS_PTRACE", () => {
    // Same flags as the README line, one-off: what each kind of read needs, measured.
    const victim = `${NAME}-remapped`;
    docker(['run', '-d', '--name', victim, '--network', 'none', 'kasmweb/core-ubuntu-jammy:sandbox']);
    try {
      const vpid = docker(['inspect', '-f', '{{.State.Pid}}', victim]);
      const script = `const fs=require('fs');const t=(f)=>{try{return f()}catch(e){return e.code}};
        console.log(JSON.stringify({uidMap:t(()=>fs.readFileSync('/proc/${vpid}/uid_map','utf8').trim().split(/\\s+/).join(' ')),
        comm:t(()=>fs.readFileSync('/proc/${vpid}/comm','utf8').trim()),
        exeRoot:t(()=>fs.readlinkSync('/proc/${sandbox.pid}/exe')),
        ping:null}))`;
      const base = ['run', '--rm', '--userns=host', '--network', 'host', '--pid', 'host', '--read-only', '--security-opt', 'no-new-privileges', '--cap-drop', 'ALL', '--entrypoint', 'node'];
      const without = JSON.parse(docker([...base, TAG, '-e', script])) as Record<string, string>;
      expect(without.uidMap).toBe(`0 ${sandbox.subuidStart ?? 296608} 65536`);
      expect(without.comm).toBe('sleep');
      expect(without.exeRoot).toBe('EACCES');
    // The data volume: writable without capabilities also on this userns-remap daemon (the volume belongs
    // to the remapped root): /data is 1777 in the image and the app creates /data/state itself.
    const state = docker(['exec', NAME, 'node', '-e', "const s=require('fs').statSync('/data/state');console.log((s.mode&0o777).toString(8),s.uid)"]);
    expect(state).toBe('700 0');
      const withPtrace = JSON.parse(docker([...base, '--cap-add', 'SYS_PTRACE', TAG, '-e', script])) as Record<string, string>;
      expect(withPtrace.exeRoot).toBe('/usr/sbin/dockerd');
    } finally {
      docker(['rm', '-f', victim]);
    }
  });

  it("the image's HEALTHCHECK turns healthy on the real daemon", async () => {
    const status = await waitFor(
      'health status healthy',
      () => {
        const s = docker(['inspect', '-f', '{{.State.Health.Status}}', NAME]);
        return s === 'healthy' ? s : null;
      },
      150_000,
      WAIT,
    );
    expect(status).toBe('healthy');
  });
});
