import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bindRefusal, listeningAddresses } from '@/lib/server/bind-check';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('bind rule: beyond loopback only with a password', () => {
  it('refuses a non-loopback address without a password, and names it', () => {
    expect(bindRefusal(['127.0.0.1'], false)).toBeNull();
    expect(bindRefusal(['::1'], false)).toBeNull();
    expect(bindRefusal(['0.0.0.0'], true)).toBeNull();
    expect(bindRefusal(['::'], false)).toMatch(/^kasm-sysbox-dashboard: cannot start\. It listens on ::, /);
    expect(bindRefusal(['127.0.0.1', '10.0.0.5'], false)).toContain('It listens on 10.0.0.5,');
    expect(bindRefusal([], false)).toBeNull();
  });

  it('reads the addresses this process really listens on', async () => {
    const s = net.createServer();
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    expect(listeningAddresses()).toContain('127.0.0.1');
    const all = net.createServer();
    servers.push(all);
    await new Promise<void>((r) => all.listen(0, r));
    expect(listeningAddresses().some((a) => a === '::' || a === '0.0.0.0')).toBe(true);
  });
});

describe('the HTTP servers of this process', () => {
  it('finds a listening http.Server (instrumentation.ts applies the HTTP guard to it)', async () => {
    const { listeningHttpServers } = await import('@/lib/server/bind-check');
    const http = await import('node:http');
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    try {
      expect(listeningHttpServers()).toContain(s);
    } finally {
      await new Promise((r) => s.close(r));
    }
  });
});
