import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM harness shared with the npm scripts
import { startRecordingProxy } from '../../scripts/docker-recording-proxy.mjs';
import { closeFactsStore, FACTS_FILE, factsDir, factsStore } from '@/lib/server/containers/facts-store';
import { getContainerPage } from '@/lib/server/containers/first-page';
import { getContainerInventory, inventoryStats, resetContainerInventory } from '@/lib/server/containers/inventory';
import { containerQuerySchema } from '@/lib/server/containers/query';
import type { HostConfig } from '@/lib/server/hosts';
import { PLAIN_IMAGE, docker } from '../support/docker-fixtures';

/**
 * Cold start on the real sandbox dockerd (userns-remap like a Sysbox host; its
 * "sysbox-runc" is a STAND-IN for runc), with the recording proxy between the
 * dashboard and Docker logging every request in arrival order:
 *
 * - a fresh server answers the first page after 1 list + only that page's
 *   inspects (the background fill comes after, proven by the log's order);
 * - the inventory then completes, each container inspected once;
 * - a restarted server with the facts file inspects none of the known ones;
 * - a destroyed container's facts are dropped; Env and Cmd are never stored.
 */
const sandbox = inject('sandbox');
const N = 60;
const tag = `cold${process.pid}`;
const name = (i: number) => `${tag}-${String(i).padStart(3, '0')}`;
const SECRET = `hunter2-${tag}`;
const CMD_SECRET = `topsecret-${tag}`;

let proxy: { dockerHost: string; close: () => Promise<void> };
let logFile = '';
let host: HostConfig;

interface Logged {
  method: string;
  path: string;
}
const LIST_RE = /^\/(v[\d.]+\/)?containers\/json(\?|$)/;
const INSPECT_RE = /^\/(v[\d.]+\/)?containers\/([0-9a-f]{64})\/json/;
function calls(): Logged[] {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Logged);
}
const inspectedId = (e: Logged) => INSPECT_RE.exec(e.path)?.[2] ?? null;

/** Polls a condition that needs no Docker call (bounded; never a fixed sleep). */
async function waitFor(ok: () => boolean, boundMs: number): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** Engine API on the sandbox socket (the tests' fixtures; the dashboard itself only reads). */
function engine(method: string, p: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { socketPath: sandbox.socket, method, path: p, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : null }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function createFixture(i: number): Promise<void> {
  const r = await engine('POST', `/containers/create?name=${name(i)}`, {
    Image: PLAIN_IMAGE,
    Cmd: ['sh', '-c', `echo ${CMD_SECRET}; sleep 3600`],
    Env: [`KSD_COLD_SECRET=${SECRET}`],
    Labels: { 'ksd.cold': tag },
    HostConfig: { NetworkMode: 'none', ...(i === N - 1 ? { Runtime: 'sysbox-runc' } : {}) },
  });
  if (r.status !== 201) throw new Error(`create ${name(i)}: ${r.status} ${JSON.stringify(r.json)}`);
}

const firstPage = () => containerQuerySchema.parse({});

beforeAll(async () => {
  logFile = path.join(sandbox.dir, `cold-proxy-${process.pid}.log`);
  fs.writeFileSync(logFile, '');
  proxy = (await startRecordingProxy({ upstreamSocket: sandbox.socket, listenSocket: path.join(sandbox.dir, `cold-proxy-${process.pid}.sock`), logFile })) as typeof proxy;
  host = { id: `cold-${process.pid}`, name: 'sandbox-cold', kind: 'docker', docker: { url: proxy.dockerHost, tlsVerify: false }, files: { root: '/', proc: '/proc' } };
  for (let i = 0; i < N; i += 8) await Promise.all(Array.from({ length: Math.min(8, N - i) }, (_, k) => createFixture(i + k)));
  // The newest one runs (under the stand-in sysbox-runc): its facts include a pid and an id map.
  docker(sandbox, ['start', name(N - 1)]);
}, 180_000);

afterAll(async () => {
  resetContainerInventory(host.id);
  const ids = docker(sandbox, ['ps', '-aq', '--filter', `label=ksd.cold=${tag}`]).split('\n').filter(Boolean);
  if (ids.length > 0) docker(sandbox, ['rm', '-f', ...ids]);
  await proxy.close();
});

describe('cold start of the container inventory on a real dockerd (sysbox-runc there is a stand-in for runc)', () => {
  it('a fresh server answers the first page after 1 list + only that page’s inspects, then completes in the background', async () => {
    resetContainerInventory(host.id);
    expect(factsStore()?.count(host.id)).toBe(0);
    fs.writeFileSync(logFile, '');
    const page = await getContainerPage(host, firstPage());
    expect(page.complete).toBe(false);
    expect(page.items).toHaveLength(50);
    const total = page.total;
    expect(total).toBeGreaterThanOrEqual(N);
    const pageIds = new Set(page.items.map((c) => c.id));
    // Page 2 while the fill runs: its own rows, no second list.
    const page2 = await getContainerPage(host, containerQuerySchema.parse({ page: '2' }));
    expect(page2.items.length).toBe(Math.min(50, total - 50));
    expect(page2.items.filter((c) => pageIds.has(c.id))).toEqual([]);

    await waitFor(() => inventoryStats(host.id).complete, 60_000);
    expect(inventoryStats(host.id).complete).toBe(true);
    const log = calls();
    // In arrival order: the list, then the page's inspects; the fill's inspects of other rows come only after them.
    const firstOther = log.findIndex((e) => {
      const id = inspectedId(e);
      return id !== null && !pageIds.has(id);
    });
    const beforeAnswer = firstOther < 0 ? log : log.slice(0, firstOther);
    expect(beforeAnswer.filter((e) => LIST_RE.test(e.path))).toHaveLength(1);
    const pageInspects = beforeAnswer.flatMap((e) => inspectedId(e) ?? []);
    expect(pageInspects.length).toBeLessThanOrEqual(50);
    expect(new Set(pageInspects)).toEqual(pageIds);

    // Complete: every container inspected exactly once, one list in all, and the first page is what the complete inventory shows.
    const inspects = log.flatMap((e) => inspectedId(e) ?? []);
    expect(inspects).toHaveLength(new Set(inspects).size);
    expect(inspects).toHaveLength(total);
    expect(log.filter((e) => LIST_RE.test(e.path))).toHaveLength(1);
    const all = await getContainerInventory(host);
    expect(all.map((c) => c.id).slice(0, 50)).toEqual(page.items.map((c) => c.id));
    const after = await getContainerPage(host, firstPage());
    expect(after.complete).toBe(true);
    const noStatus = (list: typeof page.items) => list.map((c) => ({ ...c, status: '' }));
    expect(noStatus(after.items)).toEqual(noStatus(page.items));
    expect(Object.values(after.runtimes).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('a filter that needs every runtime waits for the fill and answers complete', async () => {
    // A fresh server with no facts file: the fill has every container to inspect.
    resetContainerInventory(host.id);
    closeFactsStore();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(factsDir(), FACTS_FILE + suffix), { force: true });
    const page = await getContainerPage(host, containerQuerySchema.parse({ runtime: 'sysbox-runc' }));
    expect(page.complete).toBe(true);
    expect(page.items.map((c) => c.name)).toContain(name(N - 1));
    expect(page.runtimes['sysbox-runc']).toBe(page.total);
    expect(inventoryStats(host.id).complete).toBe(true);
  });

  it('a restarted server with the facts file inspects none of the known containers (state still from Docker’s list)', async () => {
    await getContainerInventory(host);
    factsStore()?.flush();
    const known = factsStore()?.count(host.id) ?? 0;
    expect(known).toBeGreaterThanOrEqual(N);
    // A restart: the process forgets everything but the data dir.
    resetContainerInventory(host.id);
    closeFactsStore();
    fs.writeFileSync(logFile, '');
    const page = await getContainerPage(host, firstPage());
    expect(page.complete).toBe(true);
    const log = calls();
    expect(log.filter((e) => LIST_RE.test(e.path))).toHaveLength(1);
    const inspected = new Set(log.flatMap((e) => inspectedId(e) ?? []));
    // Named, so a failure says which containers the file did not vouch for.
    expect((await getContainerInventory(host)).filter((c) => inspected.has(c.id)).map((c) => `${c.name} ${c.status}`)).toEqual([]);
    expect(inspected.size).toBe(0);
    expect(inventoryStats(host.id).storeHits).toBe(known);
    const running = (await getContainerInventory(host)).find((c) => c.name === name(N - 1));
    expect(running).toMatchObject({ state: 'running', runtime: 'sysbox-runc', status: expect.stringMatching(/^Up /) as unknown as string });
    // The id map is read again from /proc, not from the file.
    expect(running?.hostUids?.root).toBe(sandbox.subuidStart);
  });

  it('a container stopped while the server was down is inspected again; one destroyed has its facts dropped', async () => {
    await getContainerInventory(host);
    // The server goes down; meanwhile one container stops and one is removed.
    resetContainerInventory(host.id);
    closeFactsStore();
    docker(sandbox, ['stop', '-t', '0', name(N - 1)]);
    docker(sandbox, ['rm', name(0)]);
    fs.writeFileSync(logFile, '');
    const all = await getContainerInventory(host);
    expect(all.find((c) => c.name === name(N - 1))?.state).toBe('exited');
    expect(all.find((c) => c.name === name(0))).toBeUndefined();
    // The proxy writes its log through a stream: wait (bounded) for the line to land before reading.
    await waitFor(() => calls().some((e) => inspectedId(e) !== null), 5_000);
    const inspected = calls().flatMap((e) => inspectedId(e) ?? []);
    expect(inspected).toEqual([all.find((c) => c.name === name(N - 1))?.id]);
    factsStore()?.flush();
    const stored = factsStore()?.load(host.id);
    expect([...(stored?.values() ?? [])].map((i) => i.Name)).not.toContain(`/${name(0)}`);

    // Destroyed while the server runs: the destroy event drops the row.
    const victim = all.find((c) => c.name === name(1));
    expect(victim && stored?.has(victim.id)).toBe(true);
    docker(sandbox, ['rm', name(1)]);
    await waitFor(() => {
      factsStore()?.flush();
      return victim !== undefined && !(factsStore()?.load(host.id).has(victim.id) ?? true);
    }, 10_000);
    expect(victim && factsStore()?.load(host.id).has(victim.id)).toBe(false);
  });

  it('never stores environment values or command lines', () => {
    factsStore()?.flush();
    const file = factsStore()?.file ?? '';
    const bytes = ['', '-wal'].map((s) => (fs.existsSync(file + s) ? fs.readFileSync(file + s).toString('latin1') : '')).join('');
    expect(bytes).toContain(tag); // the rows are there (names, labels)
    expect(bytes).not.toContain(SECRET);
    expect(bytes).not.toContain(CMD_SECRET);
  });
});
