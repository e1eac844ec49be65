import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CheckId, CheckStatus } from '@/lib/sysbox/check';
import { hostStatusSchema, type HostStatus } from '@/lib/sysbox/status';
import { clearHostStatusCache, getHostStatus } from '@/lib/server/probe/status';
import { listContainerHealthFacts } from '@/lib/server/probe/container-facts';
import { KASM_IMAGE, docker, sandboxHost } from '../support/docker-fixtures';

const sandbox = inject('sandbox');
const FIXTURE = path.resolve(__dirname, '../fixtures/host-sysbox-ready');
const readyFiles = { root: FIXTURE, proc: path.join(FIXTURE, 'proc') };
const created: string[] = [];
const tmpDirs: string[] = [];
const name = `ksd-status-sysbox-${process.pid}`;

beforeAll(() => {
  // Runs under the sandbox's sysbox-runc, which is a STAND-IN (runc), not Sysbox.
  docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', KASM_IMAGE]);
  created.push(name);
});

afterAll(() => {
  if (created.length) docker(sandbox, ['rm', '-f', ...created]);
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

beforeEach(() => clearHostStatusCache());

function statuses(s: HostStatus): Record<string, CheckStatus> {
  return Object.fromEntries(s.checks.map((c) => [c.id, c.status]));
}

function byId(s: HostStatus, id: CheckId) {
  const c = s.checks.find((x) => x.id === id);
  if (!c) throw new Error(`missing check ${id}`);
  return c;
}

describe('status of the real sandbox dockerd with HOST_ROOT at the ready-host fixture (sysbox-runc is a STAND-IN)', () => {
  it('reports each check with the status the fixture implies; the stand-in runtime path honestly warns', async () => {
    const st = await getHostStatus(sandboxHost(sandbox, readyFiles));
    expect(statuses(st)).toEqual({
      'docker.reachable': 'pass',
      'docker.rootless': 'pass',
      'docker.snap': 'pass',
      'sysbox.installed': 'pass',
      'sysbox.runtime': 'warn',
      'sysbox.services': 'pass',
      'daemon-json': 'pass',
      'kernel.version': 'pass',
      'kernel.id-shifting': 'pass',
      'kernel.userns': 'pass',
      'subid.sysbox': 'pass',
      'host.os': 'pass',
      'containers.sysbox-health': 'pass',
    });
    expect(byId(st, 'sysbox.runtime').summary).toContain('sysbox-runc-STANDIN-is-runc');
    expect(st.verdict).toBe('degraded');
  });

  it('the JSON has the API shape, with facts from the daemon and the fixture', async () => {
    const st = await getHostStatus(sandboxHost(sandbox, readyFiles));
    const json = JSON.parse(JSON.stringify(st)) as unknown;
    expect(hostStatusSchema.parse(json)).toEqual(json);
    expect(Object.keys(st).sort()).toEqual(['checkedAt', 'checks', 'facts', 'host', 'verdict']);
    expect(Object.keys(st.facts).sort()).toEqual(['daemonJson', 'docker', 'kasmUser', 'kernel', 'subid', 'sysbox']);
    expect(st.host).toMatchObject({ id: 'local', name: `sandbox-${sandbox.name}` });
    expect(st.facts.docker?.securityOptions).toContain('name=userns');
    expect(st.facts.docker?.runtimes['sysbox-runc']?.path).toMatch(/sysbox-runc-STANDIN-is-runc$/);
    expect(st.facts.docker?.apiVersion).toMatch(/^1\.\d+$/);
    // The fixture's recorded /etc/subuid; its HOST_PROC has no /proc/<pid> of the running container, so no live map: source subuid.
    const fixtureStart = Number(/^sysbox:(\d+):/m.exec(fs.readFileSync(path.join(FIXTURE, 'etc/subuid'), 'utf8'))?.[1]);
    expect(st.facts.subid).toEqual({ uid: { start: fixtureStart, count: 65536 }, gid: { start: fixtureStart, count: 65536 } });
    expect(st.facts.kasmUser).toMatchObject({ source: 'subuid', rangeStart: { uid: fixtureStart, gid: fixtureStart } });
    expect(st.facts.sysbox).toEqual({
      version: '0.6.4-0.linux',
      edition: 'CE',
      services: {
        'sysbox-mgr': { running: true, pid: 901, startedAt: new Date((1700000000 + 25) * 1000).toISOString() },
        'sysbox-fs': { running: true, pid: 902, startedAt: new Date((1700000000 + 26) * 1000).toISOString() },
      },
    });
    expect(st.facts.kernel.shiftfs).toBe('loaded');
    expect(st.facts.daemonJson.raw).toBe(fs.readFileSync(path.join(FIXTURE, 'etc/docker/daemon.json'), 'utf8'));
    expect(JSON.stringify(st)).not.toMatch(/"Env"/);
  });

  it('sees the running sysbox-runc container with its real runtime and start time', async () => {
    const facts = await listContainerHealthFacts(sandboxHost(sandbox, readyFiles));
    const c = facts.find((x) => x.name === name);
    expect(c).toMatchObject({ runtime: 'sysbox-runc', state: 'running', error: null });
    expect(Date.parse(c?.startedAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it('a running Sysbox container older than the current sysbox-fs is stale (fixture booted "now")', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-host-stale-'));
    tmpDirs.push(dir);
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'proc/stat'), `btime ${Math.floor(Date.now() / 1000) + 60}\n`);
    const st = await getHostStatus(sandboxHost(sandbox, { root: dir, proc: path.join(dir, 'proc') }));
    const c = byId(st, 'containers.sysbox-health');
    expect(c.status).toBe('fail');
    expect(c.summary).toContain(`${name}: stale`);
    expect(st.verdict).toBe('not-ready');
  });

  it('with Docker down it still answers: docker.reachable fails, host-file checks are evaluated', async () => {
    const dead = { ...sandboxHost(sandbox, readyFiles), docker: { url: 'unix:///tmp/ksd-no-such-status.sock', tlsVerify: false } };
    const st = await getHostStatus(dead);
    expect(byId(st, 'docker.reachable')).toMatchObject({ status: 'fail' });
    expect(byId(st, 'docker.reachable').evidence.join('\n')).toMatch(/ENOENT/);
    expect(byId(st, 'subid.sysbox').status).toBe('pass');
    expect(byId(st, 'sysbox.services').status).toBe('pass');
    expect(byId(st, 'kernel.version').status).toBe('pass');
    expect(byId(st, 'sysbox.runtime').status).toBe('unknown');
    expect(st.facts.docker).toBeNull();
    expect(st.verdict).toBe('not-ready');
  });

  it('concurrent requests share one probe', async () => {
    const host = sandboxHost(sandbox, readyFiles);
    const [a, b, c] = await Promise.all([getHostStatus(host), getHostStatus(host), getHostStatus(host)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('this machine as HOST_ROOT=/ (no Sysbox installed): sysbox.installed and sysbox.services fail', async () => {
    const st = await getHostStatus(sandboxHost(sandbox, { root: '/', proc: '/proc' }));
    expect(byId(st, 'sysbox.installed').status).toBe('fail');
    expect(byId(st, 'sysbox.services').status).toBe('fail');
    expect(st.verdict).toBe('not-ready');
  });
});
