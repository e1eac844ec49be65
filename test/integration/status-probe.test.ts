import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { readFileAt } from '@/lib/server/probe/files';
import { findSysboxProcesses, readExeLink } from '@/lib/server/probe/processes';
import { startDecoy } from '../support/decoy-process';

describe('host file probe on this machine', () => {
  it('reads /proc/sys files (which refuse multi-MiB reads with ENOMEM)', async () => {
    const r = await readFileAt('/proc', 'sys/kernel/osrelease');
    expect(r).toEqual({ state: 'ok', text: fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8') });
    expect(await readFileAt('/proc', 'sys/user/max_user_namespaces')).toMatchObject({ state: 'ok' });
  });

  it('a missing file is "missing", an escape outside the root is refused', async () => {
    expect(await readFileAt('/proc', 'sys/kernel/no-such-ksd')).toEqual({ state: 'missing' });
    expect(await readFileAt('/proc', '../etc/passwd')).toMatchObject({ state: 'error' });
  });

  it('lists a process the test started as sysbox-mgr from the real /proc, with its real executable', async () => {
    // Whatever else this machine runs (a real Sysbox, or other decoys) does not matter: only our pid is asserted.
    const decoy = await startDecoy('sysbox-mgr');
    try {
      const r = await findSysboxProcesses('/proc');
      if (!r.ok) throw new Error(r.reason);
      const mine = r.value.find((p) => p.pid === decoy.pid);
      expect(mine).toMatchObject({ pid: decoy.pid, comm: 'sysbox-mgr', exe: { ok: true, value: decoy.exe } });
      expect(mine?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await decoy.stop();
    }
  });

  it('an exe link the reader cannot follow is an error with its reason, not a guess', async () => {
    expect(await readExeLink('/proc', 999_999_999)).toEqual({ ok: false, reason: '/proc/999999999/exe: ENOENT' });
  });
});
