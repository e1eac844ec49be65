// The bench's 1,000 containers on the sandbox daemon: 950 created (never
// started) and 50 running, all labelled `ksd.bench=1` so they are found,
// counted and reused on the next run. They are made through the Engine API
// (the same POST /containers/create and /start that `docker create` and
// `docker run -d` send), in parallel batches: the app itself never writes to
// Docker, only this fixture step does. Every container has network "none".
import { performance } from 'node:perf_hooks';
import { KASM_IMAGE, PLAIN_IMAGE } from '../../tools/sandbox/sandbox-lib.mjs';
import { agent, jsonRequest } from './http.mjs';

export const LABEL = 'ksd.bench';
export const TOTAL = 1000;
export const RUNNING = 50;
const CONCURRENCY = 8;

const nameOf = (i) => `ksd-bench-${String(i).padStart(4, '0')}`;

/** What container i looks like: a mix of Kasm-like sessions, sysbox-runc (stand-in) and plain runc. */
function spec(i) {
  const running = i < RUNNING;
  const kasm = i % 2 === 0;
  const sysbox = i % 3 === 0; // runtime "sysbox-runc" is the sandbox's STAND-IN (runc)
  return {
    Image: kasm ? KASM_IMAGE : PLAIN_IMAGE,
    Cmd: ['/bin/sleep', '2147483647'],
    Labels: {
      [LABEL]: '1',
      [`${LABEL}.role`]: running ? 'running' : 'stopped',
      ...(kasm ? { 'com.kasmweb.image': 'true', 'kasm.kasmid': `bench-${i}` } : {}),
    },
    Env: kasm ? ['KASM_USER=kasm-user', 'BENCH_SECRET=never-returned'] : [],
    StopTimeout: 1,
    HostConfig: { NetworkMode: 'none', ...(sysbox ? { Runtime: 'sysbox-runc' } : {}) },
  };
}

async function listBench(socket, a) {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${LABEL}=1`] }));
  const r = await jsonRequest(socket, 'GET', `/containers/json?all=1&filters=${filters}`, undefined, { agent: a });
  if (r.status !== 200 || !Array.isArray(r.json)) throw new Error(`listing bench containers failed: ${r.status} ${r.text.slice(0, 200)}`);
  return r.json;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool(items, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Makes sure the 1,000 bench containers exist and the 50 running ones run.
 * Returns { total, running, created, started, seconds }.
 */
export async function ensureFixtures(socket, log = () => {}) {
  const a = agent(CONCURRENCY);
  const t0 = performance.now();
  const existing = await listBench(socket, a);
  const byName = new Map(existing.map((c) => [String(c.Names?.[0] ?? '').replace(/^\//, ''), c]));
  const missing = [];
  for (let i = 0; i < TOTAL; i++) if (!byName.has(nameOf(i))) missing.push(i);
  if (missing.length > 0) log(`creating ${missing.length} bench containers (${CONCURRENCY} in parallel)…`);
  let created = 0;
  await pool(missing, CONCURRENCY, async (i) => {
    const r = await jsonRequest(socket, 'POST', `/containers/create?name=${nameOf(i)}`, spec(i), { agent: a });
    if (r.status !== 201) throw new Error(`creating ${nameOf(i)} failed: ${r.status} ${r.text.slice(0, 200)}`);
    created++;
    if (created % 200 === 0) log(`  ${created}/${missing.length} created`);
  });
  const now = created > 0 ? await listBench(socket, a) : existing;
  const toStart = now.filter((c) => c.Labels?.[`${LABEL}.role`] === 'running' && c.State !== 'running');
  let started = 0;
  await pool(toStart, CONCURRENCY, async (c) => {
    const r = await jsonRequest(socket, 'POST', `/containers/${c.Id}/start`, undefined, { agent: a });
    if (r.status !== 204 && r.status !== 304) throw new Error(`starting ${c.Names?.[0]} failed: ${r.status} ${r.text.slice(0, 200)}`);
    started++;
  });
  const final = await listBench(socket, a);
  a.destroy();
  return {
    total: final.length,
    running: final.filter((c) => c.State === 'running').length,
    created,
    started,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Stops the running bench containers (1 s grace) before the bench stops its
 * sandbox daemon: dockerd then shuts down at once and cleanly, instead of
 * waiting 10 s per `sleep` that ignores SIGTERM and being killed mid-way
 * (which leaves stale network sandboxes that slow its next start).
 */
export async function stopRunningFixtures(socket) {
  const a = agent(CONCURRENCY);
  const running = (await listBench(socket, a)).filter((c) => c.State === 'running');
  await pool(running, CONCURRENCY, async (c) => {
    await jsonRequest(socket, 'POST', `/containers/${c.Id}/stop?t=1`, undefined, { agent: a });
  });
  a.destroy();
  return running.length;
}

/** Removes every bench container (for `npm run bench -- --clean`). */
export async function removeFixtures(socket) {
  const a = agent(CONCURRENCY);
  const all = await listBench(socket, a);
  await pool(all, CONCURRENCY, async (c) => {
    await jsonRequest(socket, 'DELETE', `/containers/${c.Id}?force=1`, undefined, { agent: a });
  });
  a.destroy();
  return all.length;
}
