import { describe, expect, it } from 'vitest';
import { mergeSysboxDaemonJson, mergeSysboxKeys } from '@/lib/sysbox/daemon-json';
import { buildDaemonJson, daemonJsonFormSchema } from './daemon-json';

const dj = (input: Record<string, unknown> = {}) => buildDaemonJson(daemonJsonFormSchema.parse(input));

const APPLY = {
  id: 'apply',
  severity: 'info',
  message:
    'Save as /etc/docker/daemon.json. A new runtime alone is picked up by `sudo systemctl reload docker`; changing bip or default-address-pools needs `sudo systemctl restart docker` (running containers stop unless live-restore is on).',
};

describe('the daemon.json generator calls the one merge (lib/sysbox/daemon-json.ts)', () => {
  it('every conflict, worded as before the merge moved (exact output)', () => {
    const current =
      '{"runtimes":{"sysbox-runc":{"path":"/opt/x","runtimeArgs":["--debug"]}},"bip":"10.1.0.1/16","default-address-pools":[{"base":"10.9.0.0/16","size":24}],"default-runtime":"sysbox-runc","userns-remap":"sysbox"}';
    const out = dj({ current });
    expect(out.json).toEqual({
      runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc', runtimeArgs: ['--debug'] } },
      bip: '10.1.0.1/16',
      'default-address-pools': [{ base: '10.9.0.0/16', size: 24 }],
      'default-runtime': 'sysbox-runc',
      'userns-remap': 'sysbox',
    });
    expect(out.warnings).toEqual([
      { id: 'conflict.runtime-path', severity: 'warning', message: 'runtimes.sysbox-runc.path was "/opt/x"; set to /usr/bin/sysbox-runc.' },
      { id: 'conflict.bip', severity: 'warning', message: 'Kept your "bip": "10.1.0.1/16" (the guide suggests 172.20.0.1/16).' },
      { id: 'conflict.address-pools', severity: 'warning', message: 'Kept your "default-address-pools" (the guide suggests [{"base":"172.25.0.0/16","size":24}]).' },
      {
        id: 'default-runtime',
        severity: 'warning',
        message: '"default-runtime": "sysbox-runc" runs Kasm\'s own service containers under Sysbox too; set the runtime per Workspace instead.',
      },
      { id: 'userns-remap', severity: 'info', message: '"userns-remap" is set: Sysbox honours it, and every container (Sysbox or not) then runs in a user namespace.' },
      APPLY,
    ]);
    // With the installer's defaults the generator and the Overview's recommendation are the same file.
    expect(`${out.text}\n`).toBe(mergeSysboxDaemonJson(current).text);
  });

  it('network off and a custom runtime path: only the runtime is set (exact output)', () => {
    const out = dj({ current: '{"runtimes":"x","a":1,"a":2}', network: false, runtimePath: '/opt/sysbox/sysbox-runc' });
    expect(out.text).toBe('{\n  "runtimes": {\n    "sysbox-runc": {\n      "path": "/opt/sysbox/sysbox-runc"\n    }\n  },\n  "a": 2\n}');
    expect(out.warnings).toEqual([
      {
        id: 'current.duplicate-key',
        severity: 'error',
        message:
          '"a" appears twice in the current daemon.json (line 1, column 17 and line 1, column 23): Docker uses only the later value and silently drops the earlier one, and so does this merge. Keep one.',
      },
      { id: 'conflict.runtimes', severity: 'error', message: '"runtimes" is not an object; replaced with one that registers sysbox-runc.' },
      APPLY,
    ]);
  });

  it('the form defaults are the installer’s constants', () => {
    expect(dj().json).toEqual(mergeSysboxDaemonJson(null).json);
  });
});

describe('mergeSysboxKeys options', () => {
  it('reports what it kept and what it changed, for the caller to word', () => {
    const r = mergeSysboxKeys(
      { bip: '10.0.0.1/8', runtimes: { 'sysbox-runc': { path: 'sysbox-runc' } } },
      { runtimePath: '/usr/local/bin/sysbox-runc', network: { bip: '172.31.0.1/16', addressPools: [{ base: '172.30.0.0/16', size: 26 }] } },
    );
    expect(r.json).toEqual({
      bip: '10.0.0.1/8',
      runtimes: { 'sysbox-runc': { path: '/usr/local/bin/sysbox-runc' } },
      'default-address-pools': [{ base: '172.30.0.0/16', size: 26 }],
    });
    expect(r.conflicts).toEqual([
      { key: 'runtime-path', was: 'sysbox-runc', now: '/usr/local/bin/sysbox-runc' },
      { key: 'bip', kept: '10.0.0.1/8', suggested: '172.31.0.1/16' },
    ]);
  });
});
