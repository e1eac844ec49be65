import { describe, expect, it } from 'vitest';
import { mergeSysboxDaemonJson, parseDaemonJson } from '@/lib/sysbox/daemon-json';

const INSTALLER = {
  runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } },
  bip: '172.20.0.1/16',
  'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
};

describe('mergeSysboxDaemonJson', () => {
  it('no file: exactly what the installer writes', () => {
    const r = mergeSysboxDaemonJson(null);
    expect(r.json).toEqual(INSTALLER);
    expect(r.text).toBe(`${JSON.stringify(INSTALLER, null, 2)}\n`);
    expect(r.conflicts).toEqual([]);
  });

  it('keeps every other key and other runtimes', () => {
    const r = mergeSysboxDaemonJson('{"userns-remap":"sysbox","runtimes":{"nvidia":{"path":"nvidia-container-runtime"}},"log-opts":{"max-size":"10m"}}');
    expect(r.json).toEqual({
      'userns-remap': 'sysbox',
      runtimes: { nvidia: { path: 'nvidia-container-runtime' }, 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } },
      'log-opts': { 'max-size': '10m' },
      bip: '172.20.0.1/16',
      'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
    });
    expect(r.conflicts).toEqual([]);
  });

  it('keeps the admin’s own bip and pools, reports them; corrects a wrong sysbox-runc path', () => {
    const r = mergeSysboxDaemonJson('{"bip":"10.10.0.1/16","runtimes":{"sysbox-runc":{"path":"/opt/x/runc","runtimeArgs":["--debug"]}}}');
    expect(r.json).toEqual({
      bip: '10.10.0.1/16',
      runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc', runtimeArgs: ['--debug'] } },
      'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
    });
    expect(r.conflicts).toHaveLength(2);
    expect(r.conflicts[0]).toContain('/opt/x/runc');
    expect(r.conflicts[1]).toContain('"bip" is "10.10.0.1/16"');
  });

  it('invalid JSON: starts from an empty file and says so with line and column', () => {
    const r = mergeSysboxDaemonJson('{\n  "bip": "172.20.0.1/16"\n  "x": 1\n}');
    expect(r.json).toEqual(INSTALLER);
    expect(r.conflicts[0]).toMatch(/line 3, column 3/);
  });
});

describe('parseDaemonJson', () => {
  it('empty file is {} (dockerd accepts it); arrays are not objects', () => {
    expect(parseDaemonJson('  \n')).toEqual({ ok: true, value: {}, duplicates: [] });
    expect(parseDaemonJson('[]')).toMatchObject({ ok: false, line: 1, column: 1 });
  });
  it('unexpected end of input points at the end', () => {
    expect(parseDaemonJson('{\n  "bip": "x"')).toMatchObject({ ok: false, line: 2 });
  });
});

describe('writeDaemonJsonCommands', () => {
  it('backs up an existing file and writes with a quoted heredoc', async () => {
    const { writeDaemonJsonCommands } = await import('@/lib/sysbox/daemon-json');
    expect(writeDaemonJsonCommands('{"bip":"x"}\n', true)).toEqual([
      'sudo cp -a /etc/docker/daemon.json /etc/docker/daemon.json.bak',
      `sudo tee /etc/docker/daemon.json >/dev/null <<'EOF'\n{"bip":"x"}\nEOF`,
    ]);
    expect(writeDaemonJsonCommands('{}', false)).toHaveLength(1);
  });
});
