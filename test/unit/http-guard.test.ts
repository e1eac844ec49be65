import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { applyHttpGuard, TIMEOUTS } from '@/scripts/http-guard.mjs';

/** A real http.Server behind the guard; the handler records what reached "Next.js". */
const servers: http.Server[] = [];
async function guarded(): Promise<{ port: number; seen: { url: string; peer: string | undefined; body: number }[] }> {
  const seen: { url: string; peer: string | undefined; body: number }[] = [];
  const server = http.createServer((req, res) => {
    let body = 0;
    req.on('data', (c: Buffer) => (body += c.length));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', peer: req.headers['x-ksd-peer'] as string | undefined, body });
      res.end('ok');
    });
  });
  applyHttpGuard(server);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, seen };
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

/** Sends raw bytes and resolves with what the server answered before closing (or when `until` matches). */
function raw(port: number, text: string, until = /\r\n\r\n[\s\S]*\}$|ok$/): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    sock.on('data', (d) => {
      got += d.toString();
      if (until.test(got)) {
        sock.destroy();
        resolve(got);
      }
    });
    sock.on('close', () => resolve(got));
    sock.on('error', reject);
    sock.write(text);
  });
}

describe('scripts/http-guard.mjs on a real http.Server', () => {
  it('sets short timeouts', async () => {
    const s = http.createServer();
    applyHttpGuard(s);
    expect([s.headersTimeout, s.requestTimeout, s.keepAliveTimeout]).toEqual([TIMEOUTS.headersTimeout, TIMEOUTS.requestTimeout, TIMEOUTS.keepAliveTimeout]);
    expect(TIMEOUTS.headersTimeout).toBeLessThanOrEqual(10_000);
  });

  it('answers an unauthenticated request with a declared 9 MiB body at once (401), never reading it', async () => {
    const { port, seen } = await guarded();
    const res = await raw(port, 'POST /api/v1/lint/run-config HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9437184\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 401 /);
    expect(res).toMatch(/connection: close/i);
    expect(res).toContain('"code":"unauthorized"');
    expect(seen).toEqual([]);
  });

  it('the sign-in call takes a small body without credentials, a big one is 413; a chunked body is 411 for anyone', async () => {
    const { port, seen } = await guarded();
    const body = '{"password":"x"}';
    expect(await raw(port, `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`)).toMatch(/^HTTP\/1\.1 200 /);
    expect(await raw(port, 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 9437184\r\n\r\n')).toMatch(/^HTTP\/1\.1 413 /);
    expect(await raw(port, 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n')).toMatch(/^HTTP\/1\.1 411 /);
    expect(await raw(port, 'POST /api/v1/lint/run-config HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nTransfer-Encoding: chunked\r\n\r\n')).toMatch(/^HTTP\/1\.1 411 /);
    expect(seen.map((s) => s.url)).toEqual(['/api/auth/login']);
  });

  it('lets requests with credentials or without a body through, with the socket peer in x-ksd-peer (a forged one is replaced)', async () => {
    const { port, seen } = await guarded();
    await raw(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\nX-Ksd-Peer: 9.9.9.8\r\nConnection: close\r\n\r\n');
    await raw(port, 'POST /api/v1/lint/run-config HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
    await raw(port, 'POST /api/v1/lint/run-config HTTP/1.1\r\nHost: x\r\nCookie: a=b; ksd_session=abc\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
    expect(seen).toEqual([
      { url: '/api/health', peer: '127.0.0.1', body: 0 },
      { url: '/api/v1/lint/run-config', peer: '127.0.0.1', body: 2 },
      { url: '/api/v1/lint/run-config', peer: '127.0.0.1', body: 2 },
    ]);
  });

  it('decides before "100 Continue": an unauthenticated upload is refused without asking for the body', async () => {
    const { port, seen } = await guarded();
    const res = await raw(port, 'POST /api/v1/lint/run-config HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 9437184\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 401 /);
    expect(res).not.toContain('100 Continue');
    expect(seen).toEqual([]);
  });
});
