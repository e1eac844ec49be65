import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getContainerInventory, inventoryStats, resetContainerInventory } from '@/lib/server/containers/inventory';
import type { Container } from '@/lib/sysbox/container-schema';
import { KASM_IMAGE, PLAIN_IMAGE, docker, sandboxHost } from '../support/docker-fixtures';

/**
 * The container inventory against the real sandbox dockerd (userns-remap to
 * the `sysbox` subuid range). Its "sysbox-runc" runtime is a STAND-IN (runc
 * registered under that name): these tests check what the dashboard reads
 * from Docker and /proc, not Sysbox itself.
 */
const sandbox = inject('sandbox');
const host = sandboxHost(sandbox);
const tag = `ct${process.pid}`;
const n = (s: string) => `${tag}-${s}`;
const sessionName = `${tag}_1a2b3c4d`;
const sharedVolume = n('shared');
const bindDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-ct-bind-'));
const containers: string[] = [];
const volumes = [sharedVolume, n('profile')];

function run(name: string, args: string[], image = KASM_IMAGE): void {
  containers.push(name);
  docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', ...args, image]);
}
function create(name: string, args: string[], image = KASM_IMAGE): void {
  containers.push(name);
  docker(sandbox, ['create', '--name', name, '--network', 'none', ...args, image]);
}

let inventory: Container[] = [];
const byName = (name: string): Container => {
  const c = inventory.find((x) => x.name === name);
  if (!c) throw new Error(`container ${name} not in the inventory`);
  return c;
};
const findingIds = (name: string) => byName(name).findings.map((f) => f.id).sort();

beforeAll(async () => {
  resetContainerInventory(host.id);
  fs.chmodSync(bindDir, 0o777);
  // A Kasm session under the stand-in sysbox-runc, done as the guide says (entrypoint /sbin/init, user 0), with a bind mount.
  run(sessionName, ['--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=0f1e2d3c4b5a', '--label', 'kasm.async_destroy=true', '--entrypoint', '/sbin/init', '--user', '0', '-v', `${bindDir}:/data`]);
  // A Kasm session under sysbox-runc without /sbin/init (the image default command).
  run(n('noinit'), ['--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=aaaabbbbcccc']);
  run(n('runc'), [], PLAIN_IMAGE);
  // One volume shared across runtimes: a running Sysbox container and a stopped runc one.
  run(n('shared-sb'), ['--runtime', 'sysbox-runc', '-v', `${sharedVolume}:/data`]);
  containers.push(n('shared-runc'));
  docker(sandbox, ['run', '--name', n('shared-runc'), '--network', 'none', '-v', `${sharedVolume}:/data`, PLAIN_IMAGE, 'true']);
  create(n('gpu'), ['--runtime', 'sysbox-runc', '--gpus', 'all']);
  create(n('priv'), ['--runtime', 'sysbox-runc', '--privileged', '--userns', 'host']);
  run(n('hostns'), ['--runtime', 'sysbox-runc', '--pid', 'host', '--userns', 'host']);
  run(n('profile'), ['--runtime', 'sysbox-runc', '-v', `${n('profile')}:/home/kasm-user`]);
  // A start failure whose message carries a Sysbox error string: provoked with an entrypoint named after it,
  // because the stand-in runtime (runc) cannot fail the way Sysbox does.
  create(n('err'), ['--runtime', 'sysbox-runc', '--entrypoint', '/failed to register with sysbox-mgr']);
  const start = spawnSync('docker', ['-H', sandbox.dockerHost, 'start', n('err')], { encoding: 'utf8' });
  expect(start.status).not.toBe(0); // the start fails and Docker records State.Error
  inventory = await getContainerInventory(host);
});

afterAll(() => {
  resetContainerInventory(host.id);
  if (containers.length) docker(sandbox, ['rm', '-f', ...containers]);
  docker(sandbox, ['volume', 'rm', '-f', ...volumes]);
  fs.rmSync(bindDir, { recursive: true, force: true });
});

describe('container inventory on the sandbox dockerd (sysbox-runc there is a stand-in for runc)', () => {
  it('each finding appears where it should and nowhere else', () => {
    const expected: Record<string, string[]> = {
      [sessionName]: [],
      [n('noinit')]: ['sysbox.no-init'],
      [n('runc')]: [],
      [n('shared-sb')]: ['mount.shared-across-runtimes'],
      [n('shared-runc')]: ['mount.shared-across-runtimes'],
      [n('gpu')]: ['sysbox.gpu'],
      [n('priv')]: ['sysbox.host-namespace', 'sysbox.privileged'],
      [n('hostns')]: ['sysbox.host-namespace', 'userns.none'],
      [n('profile')]: ['sysbox.persistent-profile'],
      [n('err')]: ['sysbox.error'],
    };
    const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, findingIds(name)]));
    expect(actual).toEqual(expected);
  });

  it('shared-volume findings name the container on the other runtime', () => {
    expect(byName(n('shared-sb')).findings[0]?.message).toContain(`${n('shared-runc')} (runc)`);
    expect(byName(n('shared-runc')).findings[0]?.message).toContain(`${n('shared-sb')} (sysbox-runc)`);
  });

  it('reads runtime, Kasm session, entrypoint, mounts and GPU from inspect', () => {
    const s = byName(sessionName);
    expect(s).toMatchObject({
      runtime: 'sysbox-runc',
      sysbox: true,
      state: 'running',
      kasm: { kind: 'session', kasmId: '0f1e2d3c4b5a', user: tag },
      entrypoint: ['/sbin/init'],
      user: '0',
      networkMode: 'none',
      privileged: false,
      gpu: false,
    });
    expect(s.mounts).toEqual([{ type: 'bind', source: bindDir, destination: '/data', rw: true }]);
    expect(byName(n('runc'))).toMatchObject({ runtime: 'runc', sysbox: false, kasm: { kind: null } });
    expect(byName(n('gpu'))).toMatchObject({ gpu: true, state: 'created' });
  });

  it('never returns environment variables', () => {
    const text = JSON.stringify(inventory);
    expect(text).not.toMatch(/"Env"|PATH=/);
  });

  it('reads the live uid/gid map of running containers from /proc (no docker exec)', () => {
    const s = byName(sessionName);
    const map = [{ inside: 0, outside: sandbox.subuidStart, length: 65536 }];
    expect(s.idMap).toEqual({ uid: map, gid: map });
    expect(s.hostUids?.root).toBe(sandbox.subuidStart);
    expect(byName(n('hostns')).idMap?.uid).toEqual([{ inside: 0, outside: 0, length: 4294967295 }]);
  });

  it('stopped and never-started containers have no id map, with the reason', () => {
    for (const name of [n('shared-runc'), n('gpu')]) {
      const c = byName(name);
      expect(c.idMap).toBeNull();
      expect(c.hostUids).toBeNull();
      expect(c.idMapUnavailable).toMatch(/not running/);
    }
  });

  it('hostUids.kasmUser = subuid start + 1000 = the host owner of a file uid 1000 writes into a bind mount', () => {
    const s = byName(sessionName);
    expect(sandbox.subuidStart).not.toBeNull();
    expect(s.hostUids?.kasmUser).toBe((sandbox.subuidStart ?? NaN) + 1000);
    docker(sandbox, ['exec', '-u', '1000', sessionName, 'touch', '/data/written-by-kasm-user']);
    const owner = Number(execFileSync('stat', ['-c', '%u', path.join(bindDir, 'written-by-kasm-user')], { encoding: 'utf8' }).trim());
    expect(owner).toBe(s.hostUids?.kasmUser);
  });

  it('a remote host (no /proc visible) says why there is no id map', async () => {
    const remote = { ...host, id: 'ct-remote', files: null };
    try {
      const list = await getContainerInventory(remote);
      const s = list.find((c) => c.name === sessionName);
      expect(s?.idMap).toBeNull();
      expect(s?.idMapUnavailable).toMatch(/not visible/);
    } finally {
      resetContainerInventory(remote.id);
    }
  });

  it('a warm request costs no Docker call at all (answered from the event-kept inventory)', async () => {
    await getContainerInventory(host);
    const before = inventoryStats(host.id);
    const again = await getContainerInventory(host);
    const after = inventoryStats(host.id);
    expect(after.lists - before.lists).toBe(0);
    expect(after.inspects - before.inspects).toBe(0);
    expect(again.length).toBe((await getContainerInventory(host)).length);
  });

  it('re-inspects only the container Docker events say changed (a restart: same list state)', async () => {
    await getContainerInventory(host);
    expect(inventoryStats(host.id).eventsLive).toBe(true);
    const startedBefore = byName(n('runc')).startedAt;
    const before = inventoryStats(host.id);
    docker(sandbox, ['restart', '-t', '0', n('runc')]);
    const deadline = Date.now() + 10_000;
    let c: Container | undefined;
    let all: Container[] = [];
    while (Date.now() < deadline) {
      all = await getContainerInventory(host);
      c = all.find((x) => x.name === n('runc'));
      if (c?.startedAt !== startedBefore) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(c?.startedAt).not.toBe(startedBefore);
    expect(c?.state).toBe('running');
    const after = inventoryStats(host.id);
    expect(after.lists - before.lists).toBe(0);
    // The restart's kill/die/stop/start/restart events coalesce into a few inspects of that one container, never one per container.
    expect(after.inspects - before.inspects).toBeGreaterThanOrEqual(1);
    expect(after.inspects - before.inspects).toBeLessThan(Math.min(6, all.length));
  });

  it('concurrent cold requests share their inspects', async () => {
    resetContainerInventory(host.id);
    const [a, b] = await Promise.all([getContainerInventory(host), getContainerInventory(host)]);
    const stats = inventoryStats(host.id);
    expect(a.length).toBe(b.length);
    // Each container once: inspected, or taken from the facts store (DASHBOARD_DATA_DIR) the earlier tests filled.
    expect(stats.inspects + stats.storeHits).toBe(a.length);
  });

  it('keeps the event stream open while Docker is quiet (longer than the client timeout)', async () => {
    await getContainerInventory(host);
    expect(inventoryStats(host.id).eventsLive).toBe(true);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(inventoryStats(host.id).eventsLive).toBe(true);
  });

  it('sees a container stop: state from the list, id map gone with the reason', async () => {
    docker(sandbox, ['kill', n('profile')]);
    const deadline = Date.now() + 10_000;
    let c: Container | undefined;
    while (Date.now() < deadline) {
      c = (await getContainerInventory(host)).find((x) => x.name === n('profile'));
      if (c?.state === 'exited') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(c?.state).toBe('exited');
    expect(c?.idMap).toBeNull();
    expect(c?.idMapUnavailable).toMatch(/not running/);
  });
});
