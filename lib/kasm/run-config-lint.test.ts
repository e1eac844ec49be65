import { describe, expect, it } from 'vitest';
import { DOCKER_PY_RUN_KWARGS, RUN_CREATE_KWARGS, RUN_HOST_CONFIG_KWARGS } from './docker-py';
import { lintRunConfig } from './lint';
import { buildRunConfig } from './run-config';
import { runConfigFormSchema } from './run-config';

const pick = (text: string, id: string) => lintRunConfig(text).filter((f) => f.id === id);

describe('run_config lint = docker-py 7.x containers.run', () => {
  it('accepts exactly docker-py’s lists plus the keys run() and _create_container_args take themselves', () => {
    expect(DOCKER_PY_RUN_KWARGS.size).toBe(RUN_CREATE_KWARGS.length + RUN_HOST_CONFIG_KWARGS.length + 8);
    for (const k of ['volumes', 'ports', 'network', 'networking_config', 'remove']) expect(DOCKER_PY_RUN_KWARGS.has(k)).toBe(true);
    expect(DOCKER_PY_RUN_KWARGS.has('stop_timeout')).toBe(false);
  });

  it('stop_timeout is an error: containers.run does not take it', () => {
    expect(lintRunConfig('{\n  "runtime": "sysbox-runc",\n  "stop_timeout": 30\n}').filter((f) => f.severity === 'error')).toEqual([
      {
        id: 'unknown.stop_timeout',
        severity: 'error',
        message: '"stop_timeout": docker-py\'s containers.run does not take it (only the low-level create_container does): the session fails to start.',
        line: 3,
        column: 3,
      },
    ]);
  });

  it('the generator leaves stop_timeout out with the same reason', () => {
    const out = buildRunConfig(runConfigFormSchema.parse({ extra: { stop_timeout: 30 } }));
    expect(out.json).not.toHaveProperty('stop_timeout');
    expect(out.warnings.find((w) => w.id === 'refused.unknown.stop_timeout')?.message).toBe(
      'Left out "stop_timeout": docker-py\'s containers.run does not take it (only the low-level create_container does): the session fails to start.',
    );
  });

  it('a pasted key named like an Object.prototype member is just an unknown key', () => {
    expect(pick('{"constructor": 1}', 'unknown.constructor')).toHaveLength(1);
    expect(pick('{"toString": 1}', 'misplaced.toString')).toHaveLength(0);
  });

  it('privileged must be a boolean', () => {
    expect(pick('{"privileged": "true"}', 'type.privileged-string')[0]?.message).toBe(
      '"privileged": "true" is not a boolean; docker-py passes it to Docker, which rejects it: the session fails to start. Write true or false.',
    );
    expect(pick('{"privileged": 1}', 'type.privileged')[0]).toMatchObject({ severity: 'error' });
    expect(pick('{"privileged": 0}', 'type.privileged')[0]).toMatchObject({
      severity: 'warning',
      message: '"privileged": 0 is not a boolean; docker-py drops it as falsy (not privileged): write false.',
    });
    expect(pick('{"privileged": false}', 'type.privileged')).toEqual([]);
  });

  it('ulimits must be a list of {name, soft, hard}', () => {
    expect(pick('{"ulimits": {"nofile": 1024}}', 'type.ulimits')[0]?.message).toBe(
      'ulimits must be a list of {"name": "nofile", "soft": 1024, "hard": 2048}: docker-py refuses anything else and the session fails to start.',
    );
    expect(lintRunConfig('{"ulimits": [{"name": "nofile", "soft": 1024, "hard": 2048}]}').filter((f) => f.id.includes('ulimit'))).toEqual([]);
    const bad = lintRunConfig('{"ulimits": [{"soft": "1024", "limit": 1}, "nofile=1024"]}').filter((f) => f.id.includes('ulimit'));
    expect(bad.map((f) => f.message)).toEqual([
      'ulimits[0].name must be a string (e.g. "nofile"): docker-py raises "Ulimit.name must be a string".',
      'ulimits[0].soft must be an integer, not "1024": docker-py raises "Ulimit.soft must be an integer".',
      'ulimits[1] must be an object {"name", "soft", "hard"}, not "nofile=1024".',
      'ulimits[0].limit is ignored: a ulimit has only name, soft and hard.',
    ]);
  });

  it('devices a list of strings, environment a dict or a list of strings', () => {
    expect(pick('{"devices": "/dev/fuse"}', 'type.devices')).toHaveLength(1);
    expect(pick('{"devices": [1]}', 'type.device')).toHaveLength(1);
    expect(pick('{"environment": "A=1"}', 'type.environment')).toHaveLength(1);
    expect(pick('{"environment": ["A=1", 2]}', 'type.environment')[0]?.message).toBe('environment[1] must be a "KEY=value" string, not 2.');
    expect(pick('{"environment": ["A=1"]}', 'type.environment')).toEqual([]);
  });

  it('devices under Sysbox: NVIDIA is an error, /dev/dri an info, others the nobody warning', () => {
    const f = lintRunConfig('{"runtime": "sysbox-runc", "devices": ["/dev/nvidia0:/dev/nvidia0:rwm", "/dev/dri/renderD128:/dev/dri/renderD128:rwm", "/dev/fuse:/dev/fuse:rwm"]}');
    expect(f.filter((x) => x.id.startsWith('sysbox.') && x.id !== 'sysbox.no-init').map((x) => [x.id, x.severity])).toEqual([
      ['sysbox.gpu', 'error'],
      ['sysbox.devices', 'warning'],
      ['sysbox.dri', 'info'],
    ]);
  });
});
