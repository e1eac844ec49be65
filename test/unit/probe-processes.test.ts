import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSysboxProcesses } from '@/lib/server/probe/processes';

/** A /proc-shaped folder: <pid>/comm files (a real /proc cannot be made to fail on demand). */
function fakeProc(comms: Record<string, string | 'dir'>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-proc-'));
  dirs.push(root);
  for (const [pid, comm] of Object.entries(comms)) {
    fs.mkdirSync(path.join(root, pid));
    if (comm === 'dir') fs.mkdirSync(path.join(root, pid, 'comm'));
    else fs.writeFileSync(path.join(root, pid, 'comm'), `${comm}\n`);
  }
  return root;
}
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('findSysboxProcesses skips only processes that are gone', () => {
  it('a pid folder without comm (the process exited: ENOENT) is skipped', async () => {
    const proc = fakeProc({ '10': 'bash' });
    fs.mkdirSync(path.join(proc, '11'));
    expect(await findSysboxProcesses(proc)).toEqual({ ok: true, value: [] });
  });

  it('a comm that cannot be read for another reason makes the list unknown, with the reason', async () => {
    const proc = fakeProc({ '10': 'bash', '12': 'dir' });
    expect(await findSysboxProcesses(proc)).toEqual({ ok: false, reason: `cannot read ${proc}/12/comm: is a directory [EISDIR]` });
  });
});
