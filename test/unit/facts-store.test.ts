import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FACTS_FILE, FactsStore } from '@/lib/server/containers/facts-store';
import { inspectSchema } from '@/lib/server/containers/inspect';

/** The container facts store (lib/server/containers/facts-store.ts) on a temporary data dir. */
const dirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-facts-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const id = (n: number) => n.toString(16).padStart(64, 'a');
/** A Docker inspect answer as Docker sends it, Env and Cmd included. */
function rawInspect(n: number) {
  return {
    Id: id(n),
    Name: `/c${n}`,
    Created: '2026-11-29T18:00:00.123456789Z',
    Args: ['-c', 'echo s3cret-arg'],
    Path: 'sh',
    State: { Status: 'exited', Running: false, Pid: 0, Error: '', StartedAt: '2026-11-29T18:00:01Z', FinishedAt: '2026-11-29T18:00:02Z', ExitCode: 0 },
    Config: { Image: 'busybox', User: '', Env: ['VNC_PW=s3cret-env'], Cmd: ['sh', '-c', 'echo s3cret-cmd'], Entrypoint: null, Labels: { a: 'b' } },
    HostConfig: { Runtime: 'sysbox-runc', Privileged: false },
    Mounts: [],
  };
}

describe('container facts store', () => {
  it('keeps the whitelisted inspect facts and never Env, Cmd or Args', () => {
    const dir = tmpDir();
    const store = new FactsStore(dir);
    store.put('h', inspectSchema.parse(rawInspect(1)));
    // Even an object carrying more than the schema is stripped before it is written.
    store.put('h', rawInspect(2) as unknown as ReturnType<typeof inspectSchema.parse>);
    store.close();
    const bytes = ['', '-wal'].map((s) => (fs.existsSync(path.join(dir, FACTS_FILE + s)) ? fs.readFileSync(path.join(dir, FACTS_FILE + s)).toString('latin1') : '')).join('');
    expect(bytes).not.toMatch(/s3cret/);
    const again = new FactsStore(dir);
    const loaded = again.load('h');
    expect(loaded.get(id(1))).toEqual(inspectSchema.parse(rawInspect(1)));
    expect(loaded.get(id(1))?.HostConfig.Runtime).toBe('sysbox-runc');
    expect(loaded.size).toBe(2);
    expect(again.load('other').size).toBe(0);
    again.close();
  });

  it('drops rows of containers Docker no longer lists, and destroyed ones', () => {
    const store = new FactsStore(tmpDir());
    for (const n of [1, 2, 3]) store.put('h', inspectSchema.parse(rawInspect(n)));
    store.put('other', inspectSchema.parse(rawInspect(9)));
    store.flush();
    store.keepOnly('h', new Set([id(1), id(3)]));
    store.drop('h', id(3));
    store.flush();
    expect([...store.load('h').keys()]).toEqual([id(1)]);
    expect(store.count('other')).toBe(1);
    store.close();
  });

  it('is bounded per host: the least recently seen rows go', async () => {
    const store = new FactsStore(tmpDir(), { maxRowsPerHost: 2 });
    store.put('h', inspectSchema.parse(rawInspect(1)));
    store.flush();
    // seen_at is in ms: the next batch must be seen later.
    await new Promise((r) => setTimeout(r, 5));
    store.put('h', inspectSchema.parse(rawInspect(2)));
    store.put('h', inspectSchema.parse(rawInspect(3)));
    store.flush();
    store.keepOnly('h', new Set([id(1), id(2), id(3)]));
    expect([...store.load('h').keys()].sort()).toEqual([id(2), id(3)]);
    store.close();
  });

  it('starts afresh from a file that is not SQLite, and says so', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, FACTS_FILE), 'this is not a database '.repeat(200));
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = new FactsStore(dir);
    expect(store.enabled).toBe(true);
    expect(err).toHaveBeenCalledWith(expect.stringMatching(/unreadable .* starting it afresh/));
    store.put('h', inspectSchema.parse(rawInspect(1)));
    store.flush();
    expect(store.count('h')).toBe(1);
    store.close();
  });

  it('deletes a row that no longer parses, and says so', () => {
    const dir = tmpDir();
    const store = new FactsStore(dir);
    store.put('h', inspectSchema.parse(rawInspect(1)));
    store.put('h', inspectSchema.parse(rawInspect(2)));
    store.close();
    // Damage one row behind the store's back.
    const db = new Database(path.join(dir, FACTS_FILE));
    db.prepare('UPDATE container_facts SET inspect = ? WHERE id = ?').run('{"Id": 42', id(2));
    db.close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const again = new FactsStore(dir);
    expect([...again.load('h').keys()]).toEqual([id(1)]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/1 unreadable row/));
    expect(again.count('h')).toBe(1);
    again.close();
  });
});
