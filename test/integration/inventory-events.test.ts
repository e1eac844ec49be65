import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM harness shared with the npm scripts
import { startRecordingProxy } from '../../scripts/docker-recording-proxy.mjs';
import { startSandbox, stopSandbox, type Sandbox } from '../../tools/sandbox/sandbox-lib.mjs';
import {
  getContainerInventory,
  inventoryStats,
  resetContainerInventory,
  safetyRelist,
  subscribeInventory,
  type InventoryChange,
} from '@/lib/server/containers/inventory';
import type { HostConfig } from '@/lib/server/hosts';
import { liveClients, liveStream } from '@/lib/server/live';
import type { Container } from '@/lib/sysbox/container-schema';
import { KASM_IMAGE, docker } from '../support/docker-fixtures';

/**
 * The events-coherent inventory against its own real dockerd (`evt`, so it can
 * be stopped and restarted without disturbing the other suites), with the
 * recording proxy between the dashboard and Docker counting every request.
 * The daemon's "sysbox-runc" runtime is a STAND-IN (runc under that name).
 */
const SANDBOX = 'evt';
/** The bound: a change made outside the dashboard shows in the next list within 1 s. */
const EVENT_BOUND_MS = 1_000;

let sandbox: Sandbox;
let proxy: { dockerHost: string; close: () => Promise<void> };
let logFile = '';
let host: HostConfig;
const tag = `ev${process.pid}`;
const n = (s: string) => `${tag}-${s}`;

interface Logged {
  method: string;
  path: string;
}
function proxyLog(): Logged[] {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Logged);
}
const isList = (e: Logged) => /^\/(v[\d.]+\/)?containers\/json(\?|$)/.test(e.path);
const isEvents = (e: Logged) => /^\/(v[\d.]+\/)?events(\?|$)/.test(e.path);

/** Polls the inventory (never a fixed sleep) until `ok` holds or the bound passes; returns the last answer. */
async function until(ok: (all: Container[]) => boolean, boundMs: number): Promise<Container[]> {
  const deadline = Date.now() + boundMs;
  let all = await getContainerInventory(host);
  while (!ok(all) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    all = await getContainerInventory(host);
  }
  return all;
}
/** Reads an SSE body as text; `until` waits (bounded) for the text so far to satisfy a predicate. */
function sseReader(body: ReadableStream<Uint8Array>) {
  let text = '';
  const reader = body.getReader();
  const dec = new TextDecoder();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += dec.decode(value, { stream: true });
    }
  })();
  return {
    text: () => text,
    async until(ok: (t: string) => boolean, boundMs: number): Promise<string> {
      await waitFor(() => ok(text), boundMs);
      return text;
    },
  };
}

/** Polls a condition that needs no Docker call. */
async function waitFor(ok: () => boolean, boundMs: number): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
const byName = (all: Container[], name: string) => all.find((c) => c.name === name);

/** What `docker ps -a` says, as name → state. */
function dockerTruth(): Record<string, string> {
  const out = docker(sandbox, ['ps', '-a', '--format', '{{.Names}} {{.State}}']);
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ') as [string, string]),
  );
}
const inventoryTruth = (all: Container[]) => Object.fromEntries(all.map((c) => [c.name, c.state]));

beforeAll(async () => {
  sandbox = (await startSandbox(SANDBOX)) as Sandbox;
  logFile = path.join(sandbox.dir, 'inventory-proxy.log');
  fs.writeFileSync(logFile, '');
  proxy = (await startRecordingProxy({ upstreamSocket: sandbox.socket, listenSocket: path.join(sandbox.dir, 'inventory-proxy.sock'), logFile })) as typeof proxy;
  host = { id: 'evt', name: 'sandbox-evt', kind: 'docker', docker: { url: proxy.dockerHost, tlsVerify: false }, files: { root: '/', proc: '/proc' } };
  resetContainerInventory(host.id);
  docker(sandbox, ['run', '-d', '--name', n('a'), '--network', 'none', '--runtime', 'sysbox-runc', KASM_IMAGE]);
  docker(sandbox, ['create', '--name', n('b'), '--network', 'none', KASM_IMAGE]);
});

afterAll(async () => {
  resetContainerInventory(host.id);
  await proxy.close();
  await stopSandbox(SANDBOX);
});

describe('events-coherent inventory on a real dockerd (sysbox-runc there is a stand-in for runc)', () => {
  it('after warm-up, 100 list requests cause 0 Docker requests (counted by the recording proxy)', async () => {
    const first = await getContainerInventory(host);
    expect(inventoryTruth(first)).toEqual(dockerTruth());
    expect(inventoryStats(host.id)).toMatchObject({ eventsLive: true, synced: true });
    const before = proxyLog().length;
    for (let i = 0; i < 100; i++) await getContainerInventory(host);
    expect(proxyLog().slice(before)).toEqual([]);
  });

  it('the status text is derived from StartedAt, not a cached string', async () => {
    const a = byName(await getContainerInventory(host), n('a'));
    expect(a?.status).toMatch(/^Up (Less than a second|\d+ seconds?|About a minute)$/);
    expect(byName(await getContainerInventory(host), n('b'))?.status).toBe('Created');
  });

  it('containers created, started, renamed, killed and removed outside the dashboard appear within 1 s with no list call', async () => {
    const mark = proxyLog().length;
    const c = n('live');
    docker(sandbox, ['create', '--name', c, '--network', 'none', '--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=abcdef012345', KASM_IMAGE]);
    let all = await until((l) => byName(l, c)?.state === 'created', EVENT_BOUND_MS);
    expect(byName(all, c)).toMatchObject({ state: 'created', status: 'Created', runtime: 'sysbox-runc', kasm: { kind: 'session' } });

    docker(sandbox, ['start', c]);
    all = await until((l) => byName(l, c)?.state === 'running' && byName(l, c)?.idMap !== null, EVENT_BOUND_MS);
    expect(byName(all, c)).toMatchObject({ state: 'running', hostUids: { root: sandbox.subuidStart } });
    expect(byName(all, c)?.status).toMatch(/^Up /);

    const renamed = n('renamed');
    docker(sandbox, ['rename', c, renamed]);
    all = await until((l) => byName(l, renamed) !== undefined && byName(l, c) === undefined, EVENT_BOUND_MS);
    expect([byName(all, c), byName(all, renamed)?.state]).toEqual([undefined, 'running']);

    docker(sandbox, ['kill', renamed]);
    all = await until((l) => byName(l, renamed)?.state === 'exited', EVENT_BOUND_MS);
    expect(byName(all, renamed)).toMatchObject({ state: 'exited', idMap: null });
    expect(byName(all, renamed)?.status).toMatch(/^Exited \(137\) /);

    docker(sandbox, ['rm', renamed]);
    all = await until((l) => byName(l, renamed) === undefined, EVENT_BOUND_MS);
    expect(byName(all, renamed)).toBeUndefined();

    expect(inventoryTruth(all)).toEqual(dockerTruth());
    // Only per-container inspects went to Docker: never a list.
    const since = proxyLog().slice(mark);
    expect(since.filter(isList)).toEqual([]);
    expect(since.length).toBeGreaterThan(0);
  });

  it('the slow safety re-list finds no difference when events are flowing', async () => {
    expect(await safetyRelist(host.id)).toBe(0);
    expect(inventoryStats(host.id).safetyDifferences).toBe(0);
  });

  it('tells subscribers (live pages) which container changed', async () => {
    const seen: InventoryChange[] = [];
    const off = subscribeInventory(host, (ch) => seen.push(ch));
    try {
      docker(sandbox, ['create', '--name', n('sub'), '--network', 'none', KASM_IMAGE]);
      const id = docker(sandbox, ['inspect', '-f', '{{.Id}}', n('sub')]);
      await until(() => seen.some((ch) => ch.kind === 'container' && ch.id === id), EVENT_BOUND_MS);
      expect(seen).toContainEqual({ kind: 'container', id, action: 'create', removed: false });
    } finally {
      off();
    }
  });

  it('50 live page streams share the one Docker /events stream; each gets the change; Last-Event-ID resumes', async () => {
    const eventsBefore = proxyLog().filter(isEvents).length;
    const aborts = Array.from({ length: 50 }, () => new AbortController());
    const readers = aborts.map((a) => sseReader(liveStream(host, null, a.signal)));
    try {
      for (const r of readers) expect(await r.until((t) => t.includes('event: hello'), 5_000)).toContain('"live":true');
      expect(liveClients(host.id)).toBe(50);
      docker(sandbox, ['create', '--name', n('sse'), '--network', 'none', KASM_IMAGE]);
      const id = docker(sandbox, ['inspect', '-f', '{{.Id}}', n('sse')]);
      for (const r of readers) expect(await r.until((t) => t.includes(id), EVENT_BOUND_MS)).toContain(`event: container\ndata: {"id":"${id}","action":"create","removed":false}`);
      // No second Docker event stream was opened for them.
      expect(proxyLog().filter(isEvents).length).toBe(eventsBefore);
      // Resume: a client that saw nothing after the hello but an older id gets the missed messages…
      const text = readers[0]?.text() ?? '';
      const ids = [...text.matchAll(/^id: (\S+)$/gm)].map((m) => m[1] ?? '');
      const lastId = ids.at(-1) ?? '';
      const [epoch, seqText] = lastId.split('-');
      const resumeFrom = `${epoch}-${Number(seqText) - 1}`;
      const a = new AbortController();
      const resumed = sseReader(liveStream(host, resumeFrom, a.signal));
      expect(await resumed.until((t) => t.includes(`id: ${lastId}`), 2_000)).toContain(`id: ${lastId}`);
      a.abort();
      // …and one with an id from another server life is told to refetch everything.
      const b = new AbortController();
      const stale = sseReader(liveStream(host, 'zzz-1', b.signal));
      expect(await stale.until((t) => t.includes('event: resync'), 2_000)).toContain('event: resync');
      b.abort();
    } finally {
      for (const a of aborts) a.abort();
    }
    expect(liveClients(host.id)).toBe(0);
  });

  it('dockerd stopped and started again: the inventory re-lists on reconnect and is correct', async () => {
    const before = inventoryStats(host.id);
    const listsBefore = proxyLog().filter(isList).length;
    const eventsBefore = proxyLog().filter(isEvents).length;
    // A container with a restart policy: the restarted daemon starts it again (a change made while nobody listened).
    docker(sandbox, ['run', '-d', '--name', n('always'), '--restart', 'always', '--network', 'none', KASM_IMAGE]);
    await until((l) => byName(l, n('always'))?.state === 'running', EVENT_BOUND_MS);
    await stopSandbox(SANDBOX, { keep: true });
    // The stream ends with the daemon.
    await waitFor(() => !inventoryStats(host.id).eventsLive, 20_000);
    expect(inventoryStats(host.id).eventsLive).toBe(false);
    sandbox = (await startSandbox(SANDBOX)) as Sandbox;
    // The inventory reconnects by itself (retrying every 5 s) and re-lists.
    await waitFor(() => inventoryStats(host.id).eventsLive && inventoryStats(host.id).syncs > before.syncs, 30_000);
    expect(inventoryStats(host.id)).toMatchObject({ eventsLive: true, synced: true });
    expect(inventoryStats(host.id).syncs).toBeGreaterThan(before.syncs);
    expect(proxyLog().filter(isEvents).length).toBeGreaterThan(eventsBefore);
    expect(proxyLog().filter(isList).length).toBeGreaterThan(listsBefore);
    // Correct: matches docker ps -a (the restart-always container runs again with a new start time).
    const truth = dockerTruth();
    const all = await until((l) => JSON.stringify(inventoryTruth(l)) === JSON.stringify(truth), 5_000);
    expect(inventoryTruth(all)).toEqual(truth);
    const always = byName(all, n('always'));
    const started = docker(sandbox, ['inspect', '-f', '{{.State.StartedAt}}', n('always')]);
    expect(always?.startedAt && Date.parse(always.startedAt)).toBe(Date.parse(started));
    // And warm again: no Docker request per list.
    const mark = proxyLog().length;
    for (let i = 0; i < 20; i++) await getContainerInventory(host);
    expect(proxyLog().slice(mark)).toEqual([]);
  });
});
