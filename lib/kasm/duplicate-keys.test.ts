import { describe, expect, it } from 'vitest';
import { buildDaemonJson, daemonJsonFormSchema } from './daemon-json';
import { parseJson } from './json';
import { lintExecConfig, lintRunConfig, lintVolumeMappings } from './lint';
import { mergeSysboxDaemonJson, parseDaemonJson } from '@/lib/sysbox/daemon-json';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import { ok, readySnapshot, withFiles } from '@/test/unit/support/snapshots';

const ISSUE = '{"runtime": "runc", "runtime": "sysbox-runc"}';

describe('duplicate JSON keys are findings at the later occurrence', () => {
  it('the parser lists them with both positions; the last value wins as in JSON.parse', () => {
    const p = parseJson('{\n  "a": 1,\n  "b": {"x": 1, "x": 2},\n  "a": 3\n}');
    if (!p.ok) throw new Error(p.message);
    expect(p.value).toEqual({ a: 3, b: { x: 2 } });
    expect(p.duplicates).toEqual([
      { path: ['b'], key: 'x', line: 3, column: 17, first: { line: 3, column: 9 } },
      { path: [], key: 'a', line: 4, column: 3, first: { line: 2, column: 3 } },
    ]);
  });

  it('run_config: an error (the issue’s example no longer lints clean)', () => {
    expect(lintRunConfig(ISSUE).filter((f) => f.id === 'json.duplicate-key')).toEqual([
      {
        id: 'json.duplicate-key',
        severity: 'error',
        message: '"runtime" appears twice (first at line 1, column 2): only this later value is used, the earlier one is silently lost.',
        line: 1,
        column: 21,
      },
    ]);
  });

  it('exec config and volume mappings: a warning', () => {
    const ec = lintExecConfig('{"first_launch": {"user": "root", "user": "root", "cmd": "true"}}').filter((f) => f.id === 'json.duplicate-key');
    expect(ec).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: '"first_launch.user" appears twice (first at line 1, column 19): only this later value is used, the earlier one is silently lost.',
      }),
    ]);
    const vm = lintVolumeMappings('{"/a": {"bind": "/b", "mode": "rw", "uid": 1, "gid": 1}, "/a": {"bind": "/c", "mode": "ro", "uid": 1, "gid": 1}}');
    expect(vm.filter((f) => f.id === 'json.duplicate-key').map((f) => f.severity)).toEqual(['warning']);
  });

  it('daemon.json merge (generator): an error naming both lines', () => {
    const out = buildDaemonJson(daemonJsonFormSchema.parse({ current: '{\n  "bip": "10.0.0.1/16",\n  "bip": "172.20.0.1/16"\n}' }));
    expect(out.warnings.find((w) => w.id === 'current.duplicate-key')).toEqual({
      id: 'current.duplicate-key',
      severity: 'error',
      message:
        '"bip" appears twice in the current daemon.json (line 2, column 3 and line 3, column 3): Docker uses only the later value and silently drops the earlier one, and so does this merge. Keep one.',
    });
  });

  it('daemon.json on the host: parse, merge note and the daemon-json check', () => {
    const text = '{\n  "runtimes": {"sysbox-runc": {"path": "/usr/bin/sysbox-runc"}},\n  "bip": "10.9.0.1/16",\n  "bip": "172.20.0.1/16",\n  "default-address-pools": [{"base": "172.25.0.0/16", "size": 24}]\n}\n';
    const parsed = parseDaemonJson(text);
    expect(parsed.ok && parsed.duplicates.map((d) => d.key)).toEqual(['bip']);
    expect(mergeSysboxDaemonJson(text).conflicts).toContain(
      '"bip" appears twice (line 3 and line 4): Docker uses only the later value, the earlier one is silently lost, and this recommendation keeps the later one too.',
    );
    const c = evaluateHost(withFiles(readySnapshot(), { daemonJson: ok(text) })).checks.find((x) => x.id === 'daemon-json');
    expect(c).toMatchObject({
      status: 'warn',
      title: 'daemon.json repeats a key',
      summary: '"bip" (lines 3 and 4): Docker uses only the later value of a repeated key and silently drops the earlier one.',
    });
  });
});
