import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { readFileAt } from '@/lib/server/probe/files';
import { findSysboxProcesses } from '@/lib/server/probe/processes';

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

  it('lists processes from the real /proc (no sysbox-mgr/sysbox-fs on this machine)', async () => {
    expect(await findSysboxProcesses('/proc')).toEqual({ ok: true, value: [] });
  });
});
