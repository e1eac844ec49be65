import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/server/env';

describe('parseEnv', () => {
  it('has the documented defaults', () => {
    expect(parseEnv({})).toMatchObject({
      DOCKER_HOST: 'unix:///var/run/docker.sock',
      HOST_ROOT: '/',
      HOST_PROC: '/proc',
      PORT: 3000,
      HOSTNAME: '127.0.0.1',
      DOCKER_TIMEOUT_MS: 5000,
    });
  });

  it('derives HOST_PROC from HOST_ROOT', () => {
    expect(parseEnv({ HOST_ROOT: '/host' }).HOST_PROC).toBe('/host/proc');
    expect(parseEnv({ HOST_ROOT: '/host', HOST_PROC: '/hp' }).HOST_PROC).toBe('/hp');
  });

  it('names each invalid variable', () => {
    try {
      parseEnv({ PORT: '99999', DOCKER_HOST: 'docker.sock', HOST_ROOT: 'relative' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      const msg = (e as EnvError).message;
      expect(msg).toMatch(/PORT: .*65535.*"99999"/);
      expect(msg).toMatch(/DOCKER_HOST: /);
      expect(msg).toMatch(/HOST_ROOT: must be an absolute path/);
    }
  });

  it('accepts the Docker CLI endpoint forms', () => {
    for (const h of ['unix:///run/docker.sock', 'tcp://10.0.0.5:2376', 'ssh://admin@agent-1']) {
      expect(parseEnv({ DOCKER_HOST: h }).DOCKER_HOST).toBe(h);
    }
    expect(parseEnv({ DOCKER_TLS_VERIFY: '1' }).DOCKER_TLS_VERIFY).toBe(true);
    expect(() => parseEnv({ DOCKER_TLS_VERIFY: 'maybe' })).toThrow(/DOCKER_TLS_VERIFY/);
  });
});
