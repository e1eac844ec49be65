import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAllHosts, loadHostsFile, type AnyHostConfig } from '@/lib/server/hosts';
import { probeHost } from '@/lib/server/probe/host-probe';
import { evaluateHost } from '@/lib/sysbox/host-checks';

/**
 * The docker.reachable check names where the unreachable endpoint was set: a
 * hosts-file host is not fixed by DOCKER_HOST. Real path: a real hosts file and
 * DOCKER_HOST read by lib/server/hosts.ts, a real connection attempt to a socket
 * that does not exist (ENOENT), the real probe and evaluator.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-endpoint-source-'));
const localSock = path.join(dir, 'local.sock');
// Before anything reads the environment (lib/server/env.ts parses it once).
const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DASHBOARD_HOSTS_FILE: process.env.DASHBOARD_HOSTS_FILE };
process.env.DOCKER_HOST = `unix://${localSock}`;
delete process.env.DASHBOARD_HOSTS_FILE;
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function reachableCheck(host: AnyHostConfig) {
  if (host.kind !== 'docker') throw new Error('expected a Docker host');
  const check = evaluateHost(await probeHost({ ...host, files: null })).checks.find((c) => c.id === 'docker.reachable');
  if (!check) throw new Error('no docker.reachable check');
  return check;
}

describe('docker.reachable names where an unreachable endpoint was configured', () => {
  it('a host of the hosts file: its docker.host in DASHBOARD_HOSTS_FILE, not DOCKER_HOST', async () => {
    const sock = path.join(dir, 'agent-7.sock');
    const file = path.join(dir, 'hosts.json');
    fs.writeFileSync(file, JSON.stringify([{ id: 'agent-7', name: 'Agent 7', docker: { host: `unix://${sock}` } }]));
    const [host] = loadHostsFile(file);
    if (!host) throw new Error('no host read');
    const c = await reachableCheck(host);
    expect(c.status).toBe('fail');
    expect(c.summary).toBe(`The dashboard could not reach Docker at unix://${sock} (docker.host of "agent-7" in DASHBOARD_HOSTS_FILE): no Docker socket at that path [ENOENT].`);
    expect(c.fix?.text).toBe('Start Docker on that host, or correct its docker.host in the hosts file (DASHBOARD_HOSTS_FILE; re-read when it changes).');
  });

  it('the local host of DOCKER_HOST keeps naming DOCKER_HOST', async () => {
    const sock = localSock;
    const [host] = listAllHosts();
    if (!host) throw new Error('no host');
    const c = await reachableCheck(host);
    expect(c.summary).toBe(`The dashboard could not reach Docker at unix://${sock} (DOCKER_HOST): no Docker socket at that path [ENOENT].`);
    expect(c.fix?.text).toBe('Start Docker, or point DOCKER_HOST at the right socket and restart the dashboard.');
  });
});
