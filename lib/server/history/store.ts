import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDataDir } from '@/lib/server/auth/data-dir';
import type { FailureRecord, HistoryRecord, StatusDigest, VerdictRecord } from '@/lib/sysbox/history';
import { createPrivate, HISTORY_FILE, LOCK_FILE, tryTakeWriterLock } from './store-files';
import { parseRecordRow, recordFilter, SCHEMA, type HistoryQuery, type RecordRow } from './store-sql';

/**
 * The history store: one SQLite file, `DASHBOARD_DATA_DIR/history.sqlite`.
 *
 * - Crash safety: WAL journal (https://sqlite.org/wal.html) with
 *   synchronous=NORMAL: a transaction is durable once it commits as far as a
 *   crash of this process goes (kill -9 loses nothing committed; the WAL is
 *   replayed on the next open); only an OS crash or power loss can drop the
 *   last transactions, never corrupt the file (https://sqlite.org/pragma.html#pragma_synchronous).
 *   Every insert is its own committed transaction before it is reported.
 * - Bounds: records older than `maxDays` are dropped, and the oldest records
 *   beyond `maxBytes` of live data (auto_vacuum=INCREMENTAL gives the space
 *   back to the file system). Checked at open and every PRUNE_EVERY inserts.
 * - One writer per data dir: the writer holds an exclusive lock on
 *   `history.lock` (a second SQLite file opened with locking_mode=EXCLUSIVE,
 *   an fcntl lock the kernel drops when the process dies, so a kill -9 never
 *   leaves a stale lock). A second server on the same dir cannot take it and
 *   opens the store read-only, recording nothing, and says so (./store-files.ts).
 * The table, its rows and the query filter: ./store-sql.ts.
 */
export { HISTORY_FILE, LOCK_FILE } from './store-files';
export type { HistoryQuery } from './store-sql';
const PRUNE_EVERY = 200;
const DAY_MS = 86_400_000;

export interface HistoryLimits {
  maxDays: number;
  maxBytes: number;
}

export class HistoryReadOnlyError extends Error {}

export class HistoryStore {
  readonly file: string;
  readonly mode: 'writer' | 'reader';
  /** Why this store is read-only (null for the writer). */
  readonly readOnlyReason: string | null;
  private db: Database.Database;
  private lock: Database.Database | null;
  private insertsSincePrune = 0;

  constructor(
    readonly dir: string,
    readonly limits: HistoryLimits,
  ) {
    ensureDataDir(dir);
    this.file = path.join(dir, HISTORY_FILE);
    const lock = tryTakeWriterLock(path.join(dir, LOCK_FILE));
    if (lock.ok) {
      this.lock = lock.db;
      this.mode = 'writer';
      this.readOnlyReason = null;
      const fresh = !fs.existsSync(this.file);
      createPrivate(this.file);
      this.db = new Database(this.file);
      if (fresh) this.db.pragma('auto_vacuum = INCREMENTAL');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
      this.prune();
    } else {
      this.lock = null;
      this.mode = 'reader';
      this.readOnlyReason = `another dashboard process is recording history in ${dir} (${lock.why}); this one shows that history read-only and records nothing`;
      if (!fs.existsSync(this.file)) {
        // The writer creates the file on open; until then there is nothing to read.
        this.db = new Database(':memory:');
        this.db.exec(SCHEMA);
      } else {
        this.db = new Database(this.file, { readonly: true, fileMustExist: true });
      }
    }
    this.db.pragma('busy_timeout = 2000');
  }

  private requireWriter(): void {
    if (this.mode !== 'writer') throw new HistoryReadOnlyError(this.readOnlyReason ?? 'read-only history store');
  }

  /** Stores a failure; returns its id. Committed when this returns. */
  insertFailure(r: Omit<FailureRecord, 'id' | 'kind'>): number {
    this.requireWriter();
    const at = Date.parse(r.at);
    const info = this.db
      .prepare('INSERT INTO records (kind, host, at, container_id, container_name, image, user, reason, removed_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('failure', r.host, at, r.container.id, r.container.name, r.image, r.kasm.user, r.reason, r.removedAt ? Date.parse(r.removedAt) : null, JSON.stringify(r));
    this.afterInsert();
    return Number(info.lastInsertRowid);
  }

  /** Notes that a container with recorded failures was destroyed (Kasm removed it). */
  markRemoved(host: string, containerId: string, at: number): number {
    this.requireWriter();
    return this.db
      .prepare("UPDATE records SET removed_at = ? WHERE kind = 'failure' AND host = ? AND container_id = ? AND removed_at IS NULL")
      .run(at, host, containerId).changes;
  }

  /** Stores a verdict change and the digest it was computed against, in one transaction. */
  insertVerdict(r: Omit<VerdictRecord, 'id' | 'kind'>, digest: StatusDigest): number {
    this.requireWriter();
    const at = Date.parse(r.at);
    const id = this.db.transaction(() => {
      const info = this.db
        .prepare('INSERT INTO records (kind, host, at, data) VALUES (?, ?, ?, ?)')
        .run('verdict', r.host, at, JSON.stringify(r));
      this.db
        .prepare('INSERT INTO host_state (host, digest, at) VALUES (?, ?, ?) ON CONFLICT(host) DO UPDATE SET digest = excluded.digest, at = excluded.at')
        .run(r.host, JSON.stringify(digest), at);
      return Number(info.lastInsertRowid);
    })();
    this.afterInsert();
    return id;
  }

  /** The last status digest recorded for a host (survives restarts), or null. */
  lastDigest(host: string): StatusDigest | null {
    const row = this.db.prepare('SELECT digest FROM host_state WHERE host = ?').get(host) as { digest: string } | undefined;
    if (!row) return null;
    try {
      return JSON.parse(row.digest) as StatusDigest;
    } catch (err) {
      console.warn(`[history] unreadable digest for host ${host}, starting its timeline again:`, err instanceof Error ? err.message : err);
      return null;
    }
  }

  query(q: HistoryQuery): HistoryRecord[] {
    const filter = recordFilter(q);
    if (filter === null) return [];
    const sql = `SELECT id, kind, data, removed_at FROM records${filter.where} ORDER BY at DESC, id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...filter.args, q.limit) as RecordRow[];
    const out: HistoryRecord[] = [];
    for (const row of rows) {
      const rec = parseRecordRow(row);
      if (rec) out.push(rec);
    }
    return out;
  }

  /** Distinct values for the filter chips. */
  facets(hosts: string[]): { images: string[]; users: string[]; reasons: string[] } {
    if (hosts.length === 0) return { images: [], users: [], reasons: [] };
    const inHosts = `host IN (${hosts.map(() => '?').join(',')})`;
    const col = (c: 'image' | 'user' | 'reason') =>
      (this.db.prepare(`SELECT DISTINCT ${c} AS v FROM records WHERE kind = 'failure' AND ${inHosts} AND ${c} IS NOT NULL ORDER BY v LIMIT 200`).all(...hosts) as { v: string }[]).map(
        (r) => r.v,
      );
    return { images: col('image'), users: col('user'), reasons: col('reason') };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  }

  /** Bytes of live data (pages in use), the figure the size bound applies to. */
  dataBytes(): number {
    const pageSize = Number(this.db.pragma('page_size', { simple: true }));
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    const free = Number(this.db.pragma('freelist_count', { simple: true }));
    return (pages - free) * pageSize;
  }

  /** Size of the files on disk (database + WAL). */
  fileBytes(): number {
    let n = 0;
    for (const f of [this.file, `${this.file}-wal`]) {
      try {
        n += fs.statSync(/*turbopackIgnore: true*/ f).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return n;
  }

  /** Drops records beyond the age and size bounds (writer only; a reader does nothing). */
  prune(now: number = Date.now()): { dropped: number } {
    if (this.mode !== 'writer') return { dropped: 0 };
    this.insertsSincePrune = 0;
    let dropped = this.db.prepare('DELETE FROM records WHERE at < ?').run(now - this.limits.maxDays * DAY_MS).changes;
    for (let round = 0; round < 20 && this.dataBytes() > this.limits.maxBytes; round++) {
      const total = this.count();
      if (total === 0) break;
      // Drop the oldest share that brings the data to ~90% of the bound (at least 1 record).
      const share = 1 - (0.9 * this.limits.maxBytes) / this.dataBytes();
      const n = Math.max(1, Math.ceil(total * share));
      dropped += this.db.prepare('DELETE FROM records WHERE id IN (SELECT id FROM records ORDER BY at ASC, id ASC LIMIT ?)').run(n).changes;
    }
    if (dropped > 0) this.db.pragma('incremental_vacuum');
    return { dropped };
  }

  private afterInsert(): void {
    this.insertsSincePrune += 1;
    if (this.insertsSincePrune >= PRUNE_EVERY) this.prune();
  }

  close(): void {
    this.db.close();
    this.lock?.close();
    this.lock = null;
  }
}
