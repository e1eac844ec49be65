import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maxInWindow, median, percentile } from '../../bench/lib/stats.mjs';
import { startCountingProxy, type CountingProxy } from '../../bench/lib/proxy.mjs';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles and medians', () => {
    const v = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(median(v)).toBe(5.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNull();
  });

  it('counts the most calls inside any 2 s window, half-open', () => {
    expect(maxInWindow([], 2000)).toBe(0);
    // A cache that refreshes every 2 s: one call per window.
    expect(maxInWindow([0, 2000, 4000, 6001], 2000)).toBe(1);
    // Two calls 1.999 s apart break the budget, wherever they sit in the run.
    expect(maxInWindow([0, 2500, 4499, 9000], 2000)).toBe(2);
    // Unsorted input, a burst of three.
    expect(maxInWindow([5000, 100, 120, 130, 9000], 2000)).toBe(3);
  });
});

describe('bench counting proxy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-bench-proxy-'));
  const upstreamPath = path.join(dir, 'upstream.sock');
  let upstream: http.Server | undefined;
  let proxy: CountingProxy | undefined;

  afterEach(async () => {
    await proxy?.close();
    await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  });

  function get(socketPath: string, p: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      http
        .get({ socketPath, path: p }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
  }

  it('forwards every request unchanged and counts it by method and path, API version, query and container id left off', async () => {
    upstream = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ url: req.url }));
    });
    await new Promise<void>((resolve) => upstream?.listen(upstreamPath, resolve));
    proxy = await startCountingProxy(path.join(dir, 'proxy.sock'), upstreamPath);

    const r = await get(proxy.socketPath, '/v1.41/containers/json?all=1');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ url: '/v1.41/containers/json?all=1' });
    await get(proxy.socketPath, '/info');
    await get(proxy.socketPath, '/v1.41/info');
    await get(proxy.socketPath, '/v1.41/containers/4bf32f743ce5/json');
    await get(proxy.socketPath, '/containers/ksd-bench-0001/json');

    expect(proxy.counts()).toEqual({ 'GET /containers/json': 1, 'GET /info': 2, 'GET /containers/{id}/json': 2 });
    expect(proxy.calls('GET /info')).toHaveLength(2);
    proxy.reset();
    expect(proxy.counts()).toEqual({});
  });
});
