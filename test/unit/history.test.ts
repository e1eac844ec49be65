import { describe, expect, it } from 'vitest';
import { classifyFailure, diffStatus, groupByDay, verdictSince, type StatusDigest } from '@/lib/sysbox/history';

// The message the stand-in prints, as Sysbox does (nestybox/sysbox docs/user-guide/troubleshoot.md).
const MGR_DOWN =
  'failed to create shim task: OCI runtime create failed: failed to register with sysbox-mgr: failed to invoke Register via grpc: rpc error: code = Unavailable desc = all SubConns are in TransientFailure, latest connection error: connection error: desc = "transport: Error while dialing dial unix /run/sysbox/sysmgr.sock: connect: connection refused": unknown';

describe('classifyFailure', () => {
  it('a known Sysbox error wins, with its meaning and fix from the known-error table', () => {
    expect(classifyFailure({ error: MGR_DOWN, oomKilled: false, exitCode: 128, inspected: true })).toEqual({
      reason: 'sysbox-mgr-down',
      explanation: { meaning: 'sysbox-mgr was not running when the container started.', fix: 'sudo systemctl restart sysbox' },
    });
  });
  it('OOM, other start errors, exits, and a container gone before its inspect', () => {
    expect(classifyFailure({ error: null, oomKilled: true, exitCode: 137, inspected: true }).reason).toBe('oom');
    expect(classifyFailure({ error: 'exec: "/nope": no such file', oomKilled: false, exitCode: 127, inspected: true }).reason).toBe('start-error');
    expect(classifyFailure({ error: null, oomKilled: false, exitCode: 3, inspected: true }).reason).toBe('exit');
    expect(classifyFailure({ error: null, oomKilled: false, exitCode: null, inspected: false }).reason).toBe('unknown');
  });
});

const digest = (verdict: StatusDigest['verdict'], docker: boolean, checks: Record<string, string>): StatusDigest => ({
  verdict,
  docker,
  checks: Object.fromEntries(Object.entries(checks).map(([id, status]) => [id, { status, title: `title of ${id}` }])),
});

describe('diffStatus', () => {
  it('the first status starts the timeline', () => {
    expect(diffStatus(null, digest('ready', true, { 'docker.reachable': 'pass' }))).toEqual({
      verdict: 'ready',
      from: null,
      docker: true,
      changes: [{ id: 'docker.reachable', title: 'title of docker.reachable', from: null, to: 'pass' }],
    });
  });
  it('nothing changed: no record', () => {
    const d = digest('degraded', true, { a: 'pass', b: 'warn' });
    expect(diffStatus(d, digest('degraded', true, { a: 'pass', b: 'warn' }))).toBeNull();
  });
  it('a check changing under the same verdict is recorded, Docker unchanged is null', () => {
    expect(diffStatus(digest('degraded', true, { a: 'pass', b: 'warn' }), digest('degraded', true, { a: 'warn', b: 'warn' }))).toEqual({
      verdict: 'degraded',
      from: 'degraded',
      docker: null,
      changes: [{ id: 'a', title: 'title of a', from: 'pass', to: 'warn' }],
    });
  });
  it('Docker going away is recorded as docker: false with the checks that changed', () => {
    expect(diffStatus(digest('ready', true, { 'docker.reachable': 'pass' }), digest('not-ready', false, { 'docker.reachable': 'fail' }))).toEqual({
      verdict: 'not-ready',
      from: 'ready',
      docker: false,
      changes: [{ id: 'docker.reachable', title: 'title of docker.reachable', from: 'pass', to: 'fail' }],
    });
  });
});

describe('verdictSince', () => {
  it('is the time the current verdict began, across check-only changes', () => {
    expect(
      verdictSince([
        { at: '2026-11-29T12:00:00.000Z', verdict: 'ready', from: 'ready' },
        { at: '2026-11-29T10:00:00.000Z', verdict: 'ready', from: 'not-ready' },
        { at: '2026-11-29T09:00:00.000Z', verdict: 'not-ready', from: 'ready' },
      ]),
    ).toBe('2026-11-29T10:00:00.000Z');
    expect(verdictSince([{ at: '2026-11-29T08:00:00.000Z', verdict: 'ready', from: null }])).toBe('2026-11-29T08:00:00.000Z');
    expect(verdictSince([])).toBeNull();
  });
});

describe('groupByDay', () => {
  it('groups newest-first records by UTC day, keeping order', () => {
    expect(groupByDay([{ at: '2026-11-29T12:00:00Z' }, { at: '2026-11-29T01:00:00Z' }, { at: '2026-11-28T23:00:00Z' }])).toEqual([
      { day: '2026-11-29', items: [{ at: '2026-11-29T12:00:00Z' }, { at: '2026-11-29T01:00:00Z' }] },
      { day: '2026-11-28', items: [{ at: '2026-11-28T23:00:00Z' }] },
    ]);
  });
});
