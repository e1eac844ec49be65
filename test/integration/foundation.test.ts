import fs from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dockerGet } from '@/lib/server/docker';
import { AppError, DockerUnreachableError } from '@/lib/server/errors';
import { KASM_IMAGE, docker, sandboxHost } from '../support/docker-fixtures';

const sandbox = inject('sandbox');
const host = sandboxHost(sandbox);
const created: string[] = [];

afterAll(() => {
  if (created.length) docker(sandbox, ['rm', '-f', ...created]);
});

describe('real dockerd sandbox (configured like a Sysbox host)', () => {
  it('answers /info with userns remapping and the stand-in sysbox-runc runtime', async () => {
    const info = await dockerGet<{ SecurityOptions: string[]; Runtimes: Record<string, { path: string }> }>(host, '/info');
    expect(info.SecurityOptions).toContain('name=userns');
    expect(info.Runtimes['sysbox-runc']?.path).toMatch(/sysbox-runc-STANDIN-is-runc$/);
  });

  it('maps container root to the sysbox subuid range, as only a real kernel user namespace does', async () => {
    const name = `ksd-foundation-${process.pid}`;
    docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', KASM_IMAGE]);
    created.push(name);
    const inspect = await dockerGet<{ State: { Pid: number }; HostConfig: { Runtime: string } }>(host, `/containers/${name}/json`);
    expect(inspect.HostConfig.Runtime).toBe('sysbox-runc');
    const uidMap = fs.readFileSync(`/proc/${inspect.State.Pid}/uid_map`, 'utf8').trim().split(/\s+/).map(Number);
    expect(uidMap).toEqual([0, sandbox.subuidStart, 65536]);
  });

  it('refuses anything but allow-listed GETs, in code', async () => {
    await expect(dockerGet(host, '/containers/abc/exec')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dockerGet(host, '/images/json')).rejects.toBeInstanceOf(AppError);
  });

  it('turns a 404 into not_found', async () => {
    await expect(dockerGet(host, '/containers/does-not-exist-ksd/json')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('turns a missing socket into docker_unreachable', async () => {
    const dead = { ...host, id: 'dead', docker: { url: 'unix:///tmp/ksd-no-such.sock', tlsVerify: false } };
    const err = await dockerGet(dead, '/_ping').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerUnreachableError);
    expect((err as DockerUnreachableError).reason).toMatch(/ENOENT/);
  });
});
