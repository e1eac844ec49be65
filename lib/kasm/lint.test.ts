import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from './json';
import { lintExecConfig, lintRunConfig, lintVolumeMappings } from './lint';
import type { Finding } from './output';

const ids = (f: Finding[]) => f.map((x) => x.id);

describe('parseJson', () => {
  it('gives line and column of the first error', () => {
    expect(parseJson('{\n  "a": 1,\n  "b": 2,\n}')).toMatchObject({ ok: false, line: 4, column: 1 });
    expect(parseJson('{"a" 1}')).toMatchObject({ ok: false, line: 1, column: 6 });
    expect(parseJson("{'a': 1}")).toMatchObject({ ok: false, line: 1, column: 2 });
    expect(parseJson('{"a": "x\ny"}')).toMatchObject({ ok: false, line: 1, column: 9 });
    expect(parseJson('[1, 2')).toMatchObject({ ok: false, line: 1, column: 6 });
    expect(parseJson('{} x')).toMatchObject({ ok: false, line: 1, column: 4 });
  });

  it('agrees with JSON.parse on valid input and locates keys', () => {
    const text = '{\n  "a": [1, {"b": "\\u0041\\n"}],\n  "c": -1.5e3, "d": null\n}';
    const r = parseJson(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
    expect(r.ok && r.positionOf(['c'])).toEqual({ line: 3, column: 3 });
    expect(r.ok && r.positionOf(['a', 1, 'b'])).toEqual({ line: 2, column: 13 });
  });
});

describe('lintRunConfig', () => {
  it("the guide's run config is clean", () => {
    expect(lintRunConfig('{"runtime":"sysbox-runc","entrypoint":["/sbin/init"],"user":0}').filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a syntax error is one finding with line and column', () => {
    expect(lintRunConfig('{\n  "runtime": "sysbox-runc"\n  "user": 0\n}')).toEqual([
      { id: 'json.syntax', severity: 'error', message: expect.stringContaining('line 3, column 3'), line: 3, column: 3 },
    ]);
  });

  it('flags Sysbox incompatibilities, Kasm-owned keys, bad types, misplaced keys, with positions', () => {
    const text = JSON.stringify(
      {
        runtime: 'sysbox-runc',
        entrypoint: ['/sbin/init'],
        privileged: 'true',
        security_opt: ['seccomp=unconfined'],
        devices: ['dev/net/tun', '/dev/a:/dev/a:1rwm'],
        name: 'fixed',
        first_launch: {},
        gpus: 'all',
        network_mode: 'host',
      },
      null,
      2,
    );
    const f = lintRunConfig(text);
    expect(ids(f)).toEqual(
      expect.arrayContaining([
        'sysbox.privileged', 'type.privileged-string', 'sysbox.security_opt', 'devices.no-slash', 'devices.perms', 'kasm.overridden.name',
        'misplaced.first_launch', 'misplaced.gpus', 'sysbox.network_mode', 'sysbox.user-missing',
      ]),
    );
    expect(f.find((x) => x.id === 'sysbox.privileged')).toMatchObject({ severity: 'error', line: 6, column: 3 });
  });

  it('explains a group/workspace clash', () => {
    const f = lintRunConfig('{"runtime":"sysbox-runc","entrypoint":["/sbin/init"],"user":0,"environment":{"A":"1"}}', {
      group: { user: 1000, environment: { A: '2' } },
    });
    expect(f.find((x) => x.id === 'clash.user')).toMatchObject({ severity: 'error', message: expect.stringContaining('replaces the Workspace') });
    expect(f.find((x) => x.id === 'clash.environment')?.message).toMatch(/group's value wins/);
  });

  it('not an object', () => {
    expect(ids(lintRunConfig('[1]'))).toEqual(['type.not-object']);
  });
});

describe('lintExecConfig', () => {
  it("the guide's exec config is clean", () => {
    const text = String.raw`{"first_launch":{"user":"root","cmd":"bash -c '/usr/bin/desktop_ready && apt-get update && apt-get install -y sudo && echo \"kasm-user ALL=(ALL) NOPASSWD: ALL\" >> /etc/sudoers'"}}`;
    expect(lintExecConfig(text)).toEqual([]);
  });

  it('flags misplaced keys, unclosed quotes, interactive installs, non-root', () => {
    const f = lintExecConfig(JSON.stringify({ environment: {}, start: {}, first_launch: { cmd: "bash -c 'apt-get install sudo" }, go: { cmd: '' } }));
    expect(ids(f)).toEqual(expect.arrayContaining(['misplaced.environment', 'misplaced.start', 'cmd.quotes', 'cmd.interactive', 'cmd.needs-root', 'hook.cmd']));
  });
});

describe('lintVolumeMappings', () => {
  it('flags uid as a string, bad mode, missing keys, a list', () => {
    const f = lintVolumeMappings('{\n  "/a": {"bind": "/b", "mode": "rwx", "uid": "1000"}\n}');
    expect(ids(f)).toEqual(expect.arrayContaining(['missing.gid', 'type.mode', 'type.uid-string']));
    expect(f.find((x) => x.id === 'type.uid-string')).toMatchObject({ line: 2, column: 39 });
    expect(ids(lintVolumeMappings('[{"bind":"/b"}]'))).toEqual(['type.not-object']);
  });

  it('flags 1000 under Sysbox without ID shifting, naming the right numbers', () => {
    const f = lintVolumeMappings('{"/a":{"bind":"/b","mode":"rw","uid":1000,"gid":1000}}', { subuidStart: 296608, subgidStart: 296608, idShift: 'no' });
    expect(f.find((x) => x.id === 'sysbox.uid-1000')?.message).toContain("This host's kernel cannot ID-map bind mounts, so it fails here. 297608/297608");
  });
});

describe('the 194 real Kasm workspace definitions', () => {
  const file = path.resolve(__dirname, '../..', '../shared/corpus/kasm-registry-workspaces.jsonl');
  const present = fs.existsSync(file);
  if (!present) console.warn(`corpus not found at ${file}: skipping the corpus lint test`);

  it.skipIf(!present)('lint never crashes on any record and flags what is wrong', () => {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBe(194);
    const seen = new Map<string, number>();
    for (const line of lines) {
      const rec = JSON.parse(line) as { run_config: unknown; exec_config: unknown; volume_mappings: unknown };
      const all = [
        ...(rec.run_config != null ? lintRunConfig(JSON.stringify(rec.run_config, null, 2)) : []),
        ...(rec.exec_config != null ? lintExecConfig(JSON.stringify(rec.exec_config, null, 2)) : []),
        ...(rec.volume_mappings != null ? lintVolumeMappings(JSON.stringify(rec.volume_mappings, null, 2), { subuidStart: 296608, subgidStart: 296608, idShift: 'no' }) : []),
      ];
      for (const f of all) {
        expect(f.message.length).toBeGreaterThan(0);
        seen.set(f.id, (seen.get(f.id) ?? 0) + 1);
      }
    }
    // what the corpus is known to contain
    expect(seen.get('sysbox.privileged')).toBe(27);
    expect(seen.get('type.privileged-string')).toBe(2);
    expect(seen.get('sysbox.security_opt')).toBe(33);
    expect(seen.get('devices.no-slash')).toBe(5);
    expect(seen.get('misplaced.restart_policy.devices')).toBeGreaterThanOrEqual(2);
    expect(seen.get('misplaced.restart_policy.privileged')).toBeGreaterThanOrEqual(2);
    expect(seen.get('misplaced.privileged')).toBe(1);
    expect(seen.get('hook.unknown.privileged')).toBe(6);
    expect(seen.get('devices.perms')).toBeGreaterThanOrEqual(4);
    expect(seen.get('misplaced.first_launch')).toBe(1);
    expect(seen.get('misplaced.gpus')).toBe(1);
    expect(seen.get('misplaced.environment')).toBe(1);
    expect(seen.get('misplaced.start')).toBe(2);
    expect(seen.get('misplaced.init_commands')).toBe(1);
    expect(seen.get('type.not-object')).toBe(1);
    expect(seen.get('sysbox.uid-1000')).toBe(12);
  });
});
