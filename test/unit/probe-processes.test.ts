import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSysboxProcesses } from '@/lib/server/probe/processes';

/** A fake /proc on the real filesystem: one folder per pid with its comm. */
const dirs: string[] = [];
function fakeProc(procs: Record<string, string | 'dir'>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-proc-'));
  dirs.push(root);
  fs.writeFileSync(path.join(root, 'stat'), 'cpu 0\nbtime 1700000000\n');
  for (const [pid, comm] of Object.entries(procs)) {
    fs.mkdirSync(path.join(root, pid));
    // A comm that is a directory reads as EISDIR: an unreadable name, not a vanished process.
    if (comm === 'dir') fs.mkdirSync(path.join(root, pid, 'comm'));
    else fs.writeFileSync(path.join(root, pid, 'comm'), `${comm}\n`);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('findSysboxProcesses skips only vanished processes (ENOENT/ESRCH)', () => {
  it('a process folder without comm (exited since readdir) is skipped', async () => {
    const proc = fakeProc({ '1': 'systemd' });
    fs.mkdirSync(path.join(proc, '2'));
    expect(await findSysboxProcesses(proc)).toEqual({ ok: true, value: [] });
  });

  it('an unreadable name while sysbox-mgr/-fs are not found makes the answer unknown, with the reason', async () => {
    const r = await findSysboxProcesses(fakeProc({ '1': 'systemd', '7': 'dir' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^1 process name could not be read \(.*\/7\/comm: is a directory \[EISDIR\]\), so whether sysbox-mgr and sysbox-fs run is unknown$/);
  });

  it('both services found: another unreadable name does not matter', async () => {
    const r = await findSysboxProcesses(fakeProc({ '1': 'systemd', '7': 'dir', '901': 'sysbox-mgr', '902': 'sysbox-fs' }));
    expect(r.ok && r.value.map((p) => [p.pid, p.comm])).toEqual([
      [901, 'sysbox-mgr'],
      [902, 'sysbox-fs'],
    ]);
  });
});
