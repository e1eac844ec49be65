import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, stopSandbox, type Sandbox } from '../../tools/sandbox/sandbox-lib.mjs';
import { summarizeHost } from '@/lib/server/host-summary';
import type { HostConfig } from '@/lib/server/hosts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

let a: Sandbox;
let b: Sandbox;
let t: Sandbox;
let stuck: net.Server;
const stuckSocket = `/tmp/ksd-stuck-${process.pid}.sock`;

const unixHost = (id: string, s: Sandbox): HostConfig => ({
  id,
  name: id,
  kind: 'docker',
  docker: { url: s.dockerHost, tlsVerify: false },
  files: null,
});

beforeAll(async () => {
  const port = await freePort();
  const started = (await Promise.all([startSandbox('fleet-a'), startSandbox('fleet-b'), startSandbox('fleet-tls', { tlsPort: port })])) as [Sandbox, Sandbox, Sandbox];
  [a, b, t] = started;
  // A "stuck daemon": accepts connections and never answers.
  stuck = net.createServer(() => undefined);
  await new Promise<void>((r) => stuck.listen(stuckSocket, r));
}, 180_000);

afterAll(async () => {
  stuck?.close();
  await Promise.all([a, b, t].filter(Boolean).map((s) => stopSandbox(s.name)));
});

describe('several real dockerds side by side (fleet)', () => {
  it('reaches two unix-socket daemons and one over tcp:// with mutual TLS', async () => {
    expect(t.tcp).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const tlsHost: HostConfig = {
      id: 'tls',
      name: 'tls',
      kind: 'docker',
      docker: { url: t.tcp ?? '', tlsVerify: true, tls: { ca: t.tls?.ca ?? '', cert: t.tls?.cert ?? '', key: t.tls?.key ?? '' } },
      files: null,
    };
    const res = await Promise.all([summarizeHost(unixHost('a', a)), summarizeHost(unixHost('b', b)), summarizeHost(tlsHost)]);
    for (const r of res) {
      expect(r.reachable, `${r.id}: ${r.error?.message}`).toBe(true);
      expect(r.docker?.apiVersion).toMatch(/^1\.\d+$/);
    }
    // without the client certificate the TLS daemon refuses us: unreachable, with a reason
    const noCert = await summarizeHost({ ...tlsHost, docker: { url: t.tcp ?? '', tlsVerify: true } });
    expect(noCert.reachable).toBe(false);
    expect(noCert.error?.code).toBe('docker_unreachable');
  });

  it('a stuck daemon times out on its own and never delays the others', async () => {
    const slow: HostConfig = { ...unixHost('stuck', a), docker: { url: `unix://${stuckSocket}`, tlsVerify: false, timeoutMs: 1500 } };
    const started = Date.now();
    const fastDone = summarizeHost(unixHost('a', a)).then((r) => ({ r, at: Date.now() - started }));
    const slowDone = summarizeHost(slow).then((r) => ({ r, at: Date.now() - started }));
    const [fast, stuckRes] = await Promise.all([fastDone, slowDone]);
    expect(fast.r.reachable).toBe(true);
    expect(fast.at).toBeLessThan(1000);
    expect(stuckRes.r.reachable).toBe(false);
    expect(stuckRes.r.error?.message).toMatch(/no answer within 1500 ms/);
    expect(stuckRes.at).toBeLessThan(4000);
  });

  it('stopping one daemon shows it unreachable at the next check while the others stay fresh', async () => {
    await stopSandbox('fleet-b');
    const [ra, rb] = await Promise.all([summarizeHost(unixHost('a', a)), summarizeHost(unixHost('b', b))]);
    expect(ra.reachable).toBe(true);
    expect(rb.reachable).toBe(false);
    expect(rb.error?.message).toMatch(/ENOENT|ECONNREFUSED/);
  });
});
