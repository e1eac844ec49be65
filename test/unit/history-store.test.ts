import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryReadOnlyError, HistoryStore } from '@/lib/server/history/store';
import type { FailureRecord } from '@/lib/sysbox/history';

const dirs: string[] = [];
const stores: HistoryStore[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-history-store-'));
  dirs.push(d);
  return d;
}
function open(dir: string, limits = { maxDays: 30, maxBytes: 50 * 1024 * 1024 }): HistoryStore {
  const s = new HistoryStore(dir, limits);
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function failure(at: string, n: number, extra: Partial<Omit<FailureRecord, 'id' | 'kind'>> = {}): Omit<FailureRecord, 'id' | 'kind'> {
  return {
    host: 'local',
    at,
    container: { id: `${String(n).padStart(12, '0')}${'a'.repeat(52)}`, name: `u${n}_0000abcd` },
    image: 'kasmweb/core-ubuntu-jammy:1.16.0',
    kasm: { sessionId: `s${n}`, user: `u${n % 3}` },
    runtime: 'sysbox-runc',
    exitCode: 128,
    oomKilled: false,
    error: 'failed to register with sysbox-mgr: ... connect: connection refused',
    startedAt: null,
    livedMs: null,
    inspected: true,
    reason: n % 2 ? 'sysbox-mgr-down' : 'oom',
    explanation: { meaning: 'm', fix: 'f' },
    finding: null,
    removedAt: null,
    ...extra,
  };
}

describe('HistoryStore', () => {
  it('stores and filters failures newest first, by image, user, kind and container', () => {
    const s = open(tmpDir());
    for (let i = 0; i < 6; i++) s.insertFailure(failure(`2026-11-29T10:0${i}:00.000Z`, i));
    expect(s.query({ kind: 'failure', limit: 3 }).map((r) => r.at)).toEqual(['2026-11-29T10:05:00.000Z', '2026-11-29T10:04:00.000Z', '2026-11-29T10:03:00.000Z']);
    expect(s.query({ kind: 'failure', limit: 10, user: 'u1' }).length).toBe(2);
    expect(s.query({ kind: 'failure', limit: 10, reason: 'oom' }).length).toBe(3);
    expect(s.query({ kind: 'failure', limit: 10, container: 'u2_0000abcd' }).length).toBe(1);
    expect(s.query({ kind: 'failure', limit: 10, container: '000000000002' }).length).toBe(1);
    expect(s.query({ kind: 'failure', limit: 10, since: Date.parse('2026-11-29T10:04:00Z') }).length).toBe(2);
    expect(s.query({ kind: 'failure', limit: 10, hosts: ['other'] })).toEqual([]);
    expect(s.facets(['local'])).toEqual({ images: ['kasmweb/core-ubuntu-jammy:1.16.0'], users: ['u0', 'u1', 'u2'], reasons: ['oom', 'sysbox-mgr-down'] });
  });

  it('every file it creates is private (0600), the WAL and journals included', () => {
    const dir = tmpDir();
    const s = open(dir);
    s.insertFailure(failure('2026-11-29T10:00:00.000Z', 1));
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['history.sqlite', 'history.sqlite-wal', 'history.lock']));
    for (const f of files) expect((fs.statSync(path.join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
  });

  it('marks a recorded container as removed', () => {
    const s = open(tmpDir());
    const f = failure('2026-11-29T10:00:00.000Z', 1);
    s.insertFailure(f);
    expect(s.markRemoved('local', f.container.id, Date.parse('2026-11-29T10:00:03.000Z'))).toBe(1);
    expect(s.query({ limit: 1 })[0]).toMatchObject({ removedAt: '2026-11-29T10:00:03.000Z' });
  });

  it('one writer per folder: a second store on the same folder is read-only and says why; the lock goes with the first', () => {
    const dir = tmpDir();
    const first = open(dir);
    first.insertFailure(failure('2026-11-29T10:00:00.000Z', 1));
    const second = open(dir);
    expect(second.mode).toBe('reader');
    expect(second.readOnlyReason).toContain('another dashboard process is recording history');
    expect(second.query({ limit: 10 }).length).toBe(1);
    expect(() => second.insertFailure(failure('2026-11-29T10:01:00.000Z', 2))).toThrow(HistoryReadOnlyError);
    first.close();
    second.close();
    expect(open(dir).mode).toBe('writer');
  });

  it('drops records older than maxDays, and the oldest beyond maxBytes', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    const s = open(tmpDir(), { maxDays: 30, maxBytes: 256 * 1024 });
    s.insertFailure(failure(new Date(now - 31 * 86_400_000).toISOString(), 0));
    s.insertFailure(failure(new Date(now - 29 * 86_400_000).toISOString(), 1));
    expect(s.prune(now).dropped).toBe(1);
    expect(s.count()).toBe(1);
    const big = 'x'.repeat(2000);
    for (let i = 0; i < 400; i++) s.insertFailure(failure(new Date(now - 1000 + i).toISOString(), i + 10, { error: big }));
    s.prune(now);
    expect(s.dataBytes()).toBeLessThanOrEqual(256 * 1024);
    const kept = s.query({ limit: 1000 });
    expect(kept.length).toBeGreaterThan(0);
    // The newest survive.
    expect(kept[0]?.at).toBe(new Date(now - 1000 + 399).toISOString());
  });
});
