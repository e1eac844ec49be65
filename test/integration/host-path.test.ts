import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '@/lib/server/errors';
import { hostPathFindings, probeHostPath } from '@/lib/server/host-path';
import { judgeHostPath } from '@/lib/sysbox/host-path';
import { kasmUserFromRange } from '@/lib/sysbox/kasm-user';

/**
 * The host-path probe on this real machine (HOST_ROOT=/, HOST_PROC=/proc): a
 * tmpfs the test mounts (as root) under the sandbox dir must be reported as
 * tmpfs with the owner the test chowned, read from the kernel's mountinfo.
 */
const sandbox = inject('sandbox');
const base = path.join(sandbox.dir, `host-path-${process.pid}`);
const mnt = path.join(base, 'kasm share');
const files = { root: '/', proc: '/proc' };

beforeAll(() => {
  fs.mkdirSync(mnt, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'ksd-host-path', mnt]);
  fs.chownSync(mnt, 232072, 232073);
  fs.mkdirSync(path.join(mnt, 'owned-by-1000'));
  fs.chownSync(path.join(mnt, 'owned-by-1000'), 1000, 1000);
  fs.symlinkSync('/etc', path.join(mnt, 'link'));
});

afterAll(() => {
  execFileSync('umount', [mnt]);
  fs.rmSync(base, { recursive: true, force: true });
});

describe('host path probe on the real machine', () => {
  it('a tmpfs the test mounted (its path has a space: \\040 in mountinfo): fsType tmpfs and the owner the test chowned', async () => {
    expect(await probeHostPath(files, mnt)).toEqual({
      requested: mnt,
      checkedPath: mnt,
      exists: true,
      fsType: 'tmpfs',
      mountPoint: mnt,
      owner: { uid: 232072, gid: 232073 },
      network: false,
      unknownReason: null,
    });
  });

  it('a path with {username} resolves to its static parent; a missing folder to its nearest existing parent', async () => {
    const withUser = await probeHostPath(files, `${mnt}/owned-by-1000/{username}/docs`);
    expect(withUser).toMatchObject({ checkedPath: path.join(mnt, 'owned-by-1000'), exists: true, fsType: 'tmpfs', owner: { uid: 1000, gid: 1000 } });
    const missing = await probeHostPath(files, `${mnt}/not-yet/{user_id}`);
    expect(missing).toMatchObject({ checkedPath: mnt, exists: false, fsType: 'tmpfs', owner: { uid: 232072, gid: 232073 } });
    expect(judgeHostPath(missing, { uid: 232072, gid: 232072 }, kasmUserFromRange(231072, 231072))).toEqual([
      { id: 'host-path.fs', severity: 'info', message: `${mnt}: tmpfs filesystem, owned by 232072:232073` },
      { id: 'host-path.missing', severity: 'info', message: `${mnt}/not-yet does not exist yet; ${mnt} is its nearest existing parent (Kasm creates the folder when the session starts, unless skip_check).` },
    ]);
  });

  it('a symlink is not followed: the walk stops at its parent and says why', async () => {
    expect(await probeHostPath(files, `${mnt}/link/{username}`)).toMatchObject({
      checkedPath: mnt,
      exists: false,
      fsType: 'tmpfs',
      unknownReason: `${mnt}/link is a symbolic link, which the dashboard does not follow`,
    });
  });

  it('a path with .. is refused with a 400 (never escapes HOST_ROOT)', async () => {
    const err = await probeHostPath(files, `${mnt}/../../etc/{username}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).message).toBe(`Invalid host path "${mnt}/../../etc/{username}": the host path must not contain ".." segments`);
  });

  it('a host whose files are not visible: unknown with the reason', async () => {
    expect(await probeHostPath(null, '/srv/kasm/{username}')).toEqual({
      requested: '/srv/kasm/{username}',
      checkedPath: null,
      exists: null,
      fsType: null,
      mountPoint: null,
      owner: null,
      network: null,
      unknownReason: 'this host\'s files are not visible to the dashboard (a remote Docker endpoint)',
    });
  });

  it('lint ?host=local: host-path findings per mapping (HOST_ROOT=/ of this machine), a .. key is a finding, not a 400', async () => {
    const text = JSON.stringify({ [`${mnt}/{username}`]: { bind: '/b', mode: 'rw', uid: 1000, gid: 1000 }, '/srv/../etc': { bind: '/c', mode: 'rw', uid: 1, gid: 1 } });
    expect(await hostPathFindings('local', text, kasmUserFromRange(231072, 231072))).toEqual([
      { id: 'host-path.fs', severity: 'info', message: `${mnt}: tmpfs filesystem, owned by 232072:232073` },
      { id: 'host-path.owner', severity: 'info', message: `${mnt} is owned by 232072:232073, neither kasm-user's host ids nor 1000: Kasm chowns it to the mapping's uid/gid when a session starts, unless skip_check is set.` },
      { id: 'host-path.invalid', severity: 'warning', message: '/srv/../etc: the host path must not contain ".." segments; its filesystem was not looked at.' },
    ]);
    expect(await hostPathFindings('local', '{not json', null)).toEqual([]);
  });
});
