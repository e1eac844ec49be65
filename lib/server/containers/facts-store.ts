import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDataDir } from '@/lib/server/auth/data-dir';
import { getEnv } from '@/lib/server/env';
import { inspectSchema, type Inspect } from './inspect';

/**
 * The container facts store: what Docker's inspect said of each container,
 * kept in `container-facts.sqlite` so a restarted server answers its first
 * containers page without inspecting every container again.
 *
 * - What is kept: the zod-parsed inspect answer (`inspectSchema`, a whitelist):
 *   name, created, image, user, entrypoint, labels, runtime, privileged, pid /
 *   network / userns mode, devices, device requests, mounts, and the state as
 *   last seen. NEVER `Config.Env` or `Config.Cmd`/`Args` (Kasm passes secrets
 *   there): they are not in the schema, so zod strips them before anything is
 *   stored, and rows are parsed with the same schema when read back.
 * - The state is not trusted from here: a stored row is used only when
 *   Docker's current list line agrees with it (state, name, and the "Up 5
 *   minutes" text its StartedAt implies; inventory-sync.ts `entryMatches`),
 *   otherwise the container is inspected again. The id map is always re-read
 *   from /proc.
 * - Bounded: rows of containers missing from Docker's list are dropped at
 *   every full list, a `destroy` event drops its row, and at most
 *   MAX_ROWS_PER_HOST rows are kept per host (the least recently seen go).
 * - Corruption: a file SQLite cannot open or whose quick_check fails is
 *   deleted and recreated (it is only a cache); a row that does not parse is
 *   deleted. Both are logged. A write that fails disables the store for this
 *   process (logged): the inventory then simply inspects, as without it.
 * - Folder: next to the history store (`DASHBOARD_HISTORY_DIR`, default
 *   `DASHBOARD_DATA_DIR`): both are what the server records, and tests point
 *   that folder at a temporary one.
 * - Several servers on one folder: SQLite's WAL and a busy timeout let them
 *   share it; each writes what it inspected.
 */
export const FACTS_FILE = 'container-facts.sqlite';
export const MAX_ROWS_PER_HOST = 20_000;
/** Writes are batched: one transaction per tick of queued inspects, off the request path. */
const FLUSH_DELAY_MS = 200;

export class FactsStore {
  readonly file: string;
  private db: Database.Database | null;
  private queue = new Map<string, { host: string; id: string; json: string } | { host: string; id: string; drop: true }>();
  private timer: NodeJS.Timeout | null = null;

  private readonly maxRowsPerHost: number;

  constructor(dir: string, opts: { maxRowsPerHost?: number } = {}) {
    this.maxRowsPerHost = opts.maxRowsPerHost ?? MAX_ROWS_PER_HOST;
    ensureDataDir(dir);
    this.file = path.join(dir, FACTS_FILE);
    this.db = this.open();
  }

  private open(): Database.Database {
    try {
      return this.openOnce();
    } catch (err) {
      console.error(`[facts] ${this.file} is unreadable (${err instanceof Error ? err.message : String(err)}): starting it afresh`);
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(this.file + suffix, { force: true });
      return this.openOnce();
    }
  }

  private openOnce(): Database.Database {
    const db = new Database(this.file);
    try {
      fs.chmodSync(this.file, 0o600);
      db.pragma('busy_timeout = 2000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
      db.exec(
        'CREATE TABLE IF NOT EXISTS container_facts (host TEXT NOT NULL, id TEXT NOT NULL, inspect TEXT NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (host, id)) WITHOUT ROWID',
      );
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get enabled(): boolean {
    return this.db !== null;
  }

  /** The stored inspect answers of `host`, by container id; rows that no longer parse are deleted. */
  load(host: string): Map<string, Inspect> {
    const out = new Map<string, Inspect>();
    const db = this.db;
    if (!db) return out;
    const bad: string[] = [];
    for (const row of db.prepare('SELECT id, inspect FROM container_facts WHERE host = ?').iterate(host) as Iterable<{ id: string; inspect: string }>) {
      let parsed: ReturnType<typeof inspectSchema.safeParse>;
      try {
        parsed = inspectSchema.safeParse(JSON.parse(row.inspect));
      } catch {
        parsed = inspectSchema.safeParse(undefined);
      }
      if (parsed.success && parsed.data.Id === row.id) out.set(row.id, parsed.data);
      else bad.push(row.id);
    }
    if (bad.length > 0) {
      console.warn(`[facts] ${bad.length} unreadable row(s) for host ${host} in ${this.file}: dropped, those containers are inspected again`);
      this.write(() => {
        const del = db.prepare('DELETE FROM container_facts WHERE host = ? AND id = ?');
        for (const id of bad) del.run(host, id);
      });
    }
    return out;
  }

  /** Queues the inspect answer of one container (already stripped by inspectSchema). */
  put(host: string, inspect: Inspect): void {
    if (!this.db) return;
    // Re-parse: only what the schema lists is ever stored, whatever object was passed.
    const clean = inspectSchema.parse(inspect);
    this.queue.set(`${host}\0${clean.Id}`, { host, id: clean.Id, json: JSON.stringify(clean) });
    this.schedule();
  }

  /** Queues the removal of one container's row (destroyed). */
  drop(host: string, id: string): void {
    if (!this.db) return;
    this.queue.set(`${host}\0${id}`, { host, id, drop: true });
    this.schedule();
  }

  /** Keeps only the rows of `ids` (Docker's full list of `host`), then the MAX_ROWS_PER_HOST most recently seen. */
  keepOnly(host: string, ids: ReadonlySet<string>): void {
    const db = this.db;
    if (!db) return;
    this.flush();
    this.write(() => {
      const known = db.prepare('SELECT id FROM container_facts WHERE host = ?').pluck().all(host) as string[];
      const del = db.prepare('DELETE FROM container_facts WHERE host = ? AND id = ?');
      for (const id of known) if (!ids.has(id)) del.run(host, id);
      db.prepare(
        'DELETE FROM container_facts WHERE host = ? AND id NOT IN (SELECT id FROM container_facts WHERE host = ? ORDER BY seen_at DESC LIMIT ?)',
      ).run(host, host, this.maxRowsPerHost);
    });
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, FLUSH_DELAY_MS);
    this.timer.unref();
  }

  /** Writes what is queued, in one transaction. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const db = this.db;
    if (!db || this.queue.size === 0) return;
    const batch = [...this.queue.values()];
    this.queue.clear();
    const now = Date.now();
    this.write(() => {
      const upsert = db.prepare(
        'INSERT INTO container_facts (host, id, inspect, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (host, id) DO UPDATE SET inspect = excluded.inspect, seen_at = excluded.seen_at',
      );
      const del = db.prepare('DELETE FROM container_facts WHERE host = ? AND id = ?');
      for (const op of batch) {
        if ('drop' in op) del.run(op.host, op.id);
        else upsert.run(op.host, op.id, op.json, now);
      }
    });
  }

  /** Row count of `host` (tests). */
  count(host: string): number {
    return this.db ? Number(this.db.prepare('SELECT COUNT(*) FROM container_facts WHERE host = ?').pluck().get(host)) : 0;
  }

  private write(fn: () => void): void {
    const db = this.db;
    if (!db) return;
    try {
      db.transaction(fn)();
    } catch (err) {
      console.error(`[facts] cannot write ${this.file}: ${err instanceof Error ? err.message : String(err)}; the store is off until restart (containers are inspected as usual)`);
      this.close();
    }
  }

  close(): void {
    this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.clear();
    const db = this.db;
    this.db = null;
    db?.close();
  }
}

const globalForFacts = globalThis as unknown as { __ksdFactsStore?: { dir: string; store: FactsStore | null } };

/** The folder the store lives in: the history store's (DASHBOARD_HISTORY_DIR, default DASHBOARD_DATA_DIR). */
export function factsDir(): string {
  const env = getEnv();
  return env.DASHBOARD_HISTORY_DIR ?? env.DASHBOARD_DATA_DIR;
}

/** This process's store, opened on first use; null when it cannot be opened (said once in the log). */
export function factsStore(): FactsStore | null {
  const dir = factsDir();
  const cur = globalForFacts.__ksdFactsStore;
  if (cur && cur.dir === dir) return cur.store;
  cur?.store?.close();
  let store: FactsStore | null = null;
  try {
    store = new FactsStore(dir);
  } catch (err) {
    console.error(`[facts] cannot open the container facts store in ${dir}: ${err instanceof Error ? err.message : String(err)}; containers are inspected at every start`);
  }
  globalForFacts.__ksdFactsStore = { dir, store };
  return store;
}

/** Closes this process's store (tests: simulate a restart). */
export function closeFactsStore(): void {
  globalForFacts.__ksdFactsStore?.store?.close();
  globalForFacts.__ksdFactsStore = undefined;
}
