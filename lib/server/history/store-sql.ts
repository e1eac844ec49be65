import 'server-only';
import { failureRecordSchema, verdictRecordSchema, type HistoryRecord } from '@/lib/sysbox/history';

/**
 * The history store's table (one `records` row per failure or verdict change,
 * the JSON record in `data`, the filterable fields in columns) and the
 * translation of a query into SQL and of a row back into a record.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('verdict', 'failure')),
  host TEXT NOT NULL,
  at INTEGER NOT NULL,
  container_id TEXT,
  container_name TEXT,
  image TEXT,
  user TEXT,
  reason TEXT,
  removed_at INTEGER,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_kind_at ON records (kind, at);
CREATE INDEX IF NOT EXISTS records_host_kind_at ON records (host, kind, at);
CREATE INDEX IF NOT EXISTS records_container ON records (container_id);
CREATE TABLE IF NOT EXISTS host_state (host TEXT PRIMARY KEY, digest TEXT NOT NULL, at INTEGER NOT NULL);
`;

export interface HistoryQuery {
  kind?: 'verdict' | 'failure';
  hosts?: string[];
  since?: number;
  limit: number;
  image?: string;
  user?: string;
  reason?: string;
  /** Container id (full or prefix of 12+) or name. */
  container?: string;
}

export interface RecordRow {
  id: number;
  kind: string;
  data: string;
  removed_at: number | null;
}

/** The WHERE clause (with its leading space, or empty) and arguments of a query; null when it can match nothing. */
export function recordFilter(q: HistoryQuery): { where: string; args: (string | number)[] } | null {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.hosts) {
    if (q.hosts.length === 0) return null;
    where.push(`host IN (${q.hosts.map(() => '?').join(',')})`);
    args.push(...q.hosts);
  }
  if (q.since !== undefined) {
    where.push('at >= ?');
    args.push(q.since);
  }
  // Columns matched exactly (their names are fixed here, never taken from input).
  for (const column of ['kind', 'image', 'user', 'reason'] as const) {
    const value = q[column];
    if (value) {
      where.push(`${column} = ?`);
      args.push(value);
    }
  }
  if (q.container) {
    where.push("(container_name = ? OR container_id = ? OR (length(?) >= 12 AND substr(container_id, 1, length(?)) = ?))");
    args.push(q.container, q.container, q.container, q.container, q.container);
  }
  return { where: where.length ? ` WHERE ${where.join(' AND ')}` : '', args };
}

/** A row as its record; an unreadable or unexpected row is logged and skipped (null). */
export function parseRecordRow(row: RecordRow): HistoryRecord | null {
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch (err) {
    console.warn(`[history] record ${row.id} is unreadable, skipped:`, err instanceof Error ? err.message : err);
    return null;
  }
  const base = { ...(data as Record<string, unknown>), id: row.id, kind: row.kind };
  if (row.kind === 'failure') {
    const r = failureRecordSchema.safeParse({ ...base, removedAt: row.removed_at === null ? null : new Date(row.removed_at).toISOString() });
    if (r.success) return r.data;
    console.warn(`[history] failure record ${row.id} has an unexpected shape, skipped`);
    return null;
  }
  const r = verdictRecordSchema.safeParse(base);
  if (r.success) return r.data;
  console.warn(`[history] verdict record ${row.id} has an unexpected shape, skipped`);
  return null;
}
