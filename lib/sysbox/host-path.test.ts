import { describe, expect, it } from 'vitest';
import { HostPathError, isNetworkFs, judgeHostPath, mountOf, parseMountinfo, staticHostPath, unescapeMountField, type HostPathFact } from './host-path';
import { kasmUserFromRange } from './kasm-user';

// Recorded shape of /proc/1/mountinfo (proc(5)), with an escaped space and optional fields.
const MOUNTINFO = [
  '22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw',
  '30 22 0:40 / /srv rw,relatime shared:7 - xfs /dev/vdb1 rw',
  '31 30 0:41 / /srv/kasm rw,relatime shared:8 master:2 - nfs4 10.0.0.5:/export/kasm rw,vers=4.2',
  '32 22 0:42 / /mnt/my\\040share rw,relatime - cifs //nas/share rw',
  '33 22 0:43 / /mnt/rclone rw,nosuid - fuse.rclone remote: rw',
  '34 30 0:44 / /srv/kasmx rw - tmpfs tmpfs rw',
  'garbage line',
].join('\n');

const { mounts } = parseMountinfo(MOUNTINFO);
const ku = kasmUserFromRange(231072, 231072);

function fact(over: Partial<HostPathFact>): HostPathFact {
  return { requested: '/srv/kasm/shared/{username}', checkedPath: '/srv/kasm/shared', exists: true, fsType: 'nfs4', mountPoint: '/srv/kasm', owner: { uid: 232072, gid: 232072 }, network: true, unknownReason: null, ...over };
}

describe('mountinfo', () => {
  it('parses each line into mount point, fstype and source; unescapes \\040; skips and counts malformed lines', () => {
    expect(parseMountinfo(MOUNTINFO)).toEqual({
      mounts: [
        { mountPoint: '/', fsType: 'ext4', source: '/dev/vda1' },
        { mountPoint: '/srv', fsType: 'xfs', source: '/dev/vdb1' },
        { mountPoint: '/srv/kasm', fsType: 'nfs4', source: '10.0.0.5:/export/kasm' },
        { mountPoint: '/mnt/my share', fsType: 'cifs', source: '//nas/share' },
        { mountPoint: '/mnt/rclone', fsType: 'fuse.rclone', source: 'remote:' },
        { mountPoint: '/srv/kasmx', fsType: 'tmpfs', source: 'tmpfs' },
      ],
      skipped: 1,
    });
  });

  it('unescapes the kernel octal escapes', () => {
    expect(unescapeMountField('/a\\040b\\011c\\012d\\134e')).toBe('/a b\tc\nd\\e');
  });

  it('picks the longest mount-point prefix on segment boundaries', () => {
    expect(mountOf(mounts, '/srv/kasm/shared')?.mountPoint).toBe('/srv/kasm');
    expect(mountOf(mounts, '/srv/kasm')?.mountPoint).toBe('/srv/kasm');
    expect(mountOf(mounts, '/srv/kasmy')?.mountPoint).toBe('/srv');
    expect(mountOf(mounts, '/srv/kasmx/a')?.fsType).toBe('tmpfs');
    expect(mountOf(mounts, '/mnt/my share/x')?.fsType).toBe('cifs');
    expect(mountOf(mounts, '/home')?.fsType).toBe('ext4');
    expect(mountOf([], '/home')).toBeNull();
  });

  it('a later mount on the same point hides the earlier one', () => {
    const { mounts: m } = parseMountinfo('1 0 0:1 / / rw - ext4 a rw\n2 1 0:2 / /data rw - ext4 b rw\n3 2 0:3 / /data rw - nfs c rw');
    expect(mountOf(m, '/data/x')?.fsType).toBe('nfs');
  });
});

describe('network filesystems', () => {
  it('nfs, nfs4, cifs, smb3, 9p and FUSE are network; local filesystems are not', () => {
    expect(['nfs', 'nfs4', 'cifs', 'smb3', '9p', 'fuse', 'fuse.rclone', 'fuse.sshfs'].map(isNetworkFs)).toEqual([true, true, true, true, true, true, true, true]);
    expect(['ext4', 'xfs', 'btrfs', 'tmpfs', 'overlay', 'zfs'].map(isNetworkFs)).toEqual([false, false, false, false, false, false]);
  });
});

describe('staticHostPath', () => {
  it('cuts the path before the first {username}/{user_id} segment and normalises it', () => {
    expect(staticHostPath('/srv/kasm/shared/{username}')).toBe('/srv/kasm/shared');
    expect(staticHostPath('/srv//kasm/./u-{user_id}/docs')).toBe('/srv/kasm');
    expect(staticHostPath('/srv/kasm/')).toBe('/srv/kasm');
    expect(staticHostPath('/{username}')).toBe('/');
  });

  it('refuses .. and relative paths', () => {
    expect(() => staticHostPath('/srv/../etc')).toThrow(new HostPathError('the host path must not contain ".." segments'));
    expect(() => staticHostPath('srv/kasm')).toThrow(new HostPathError('the host path must be absolute'));
  });
});

describe('judgeHostPath (host range 231072, not the guide\'s)', () => {
  it('network filesystem + 1000/1000: the filesystem line and a warning naming this host\'s ids', () => {
    expect(judgeHostPath(fact({}), { uid: 1000, gid: 1000 }, ku)).toEqual([
      { id: 'host-path.fs', severity: 'info', message: '/srv/kasm/shared: nfs4 filesystem, owned by 232072:232072' },
      {
        id: 'host-path.network-1000',
        severity: 'warning',
        message: '/srv/kasm/shared is on nfs4, which Sysbox cannot ID-map: with uid/gid 1000/1000 kasm-user sees the files as nobody:nogroup and cannot write; use kasm-user\'s host ids 232072/232072 instead.',
      },
    ]);
  });

  it('network filesystem + kasm-user\'s host ids: only the filesystem line', () => {
    expect(judgeHostPath(fact({}), { uid: 232072, gid: 232072 }, ku)).toEqual([
      { id: 'host-path.fs', severity: 'info', message: '/srv/kasm/shared: nfs4 filesystem, owned by 232072:232072' },
    ]);
  });

  it('an owner that is neither kasm-user\'s host ids nor 1000 gets the chown hint', () => {
    expect(judgeHostPath(fact({ fsType: 'ext4', network: false, owner: { uid: 0, gid: 0 } }), { uid: 232072, gid: 232072 }, ku)).toEqual([
      { id: 'host-path.fs', severity: 'info', message: '/srv/kasm/shared: ext4 filesystem, owned by 0:0' },
      {
        id: 'host-path.owner',
        severity: 'info',
        message: '/srv/kasm/shared is owned by 0:0, neither kasm-user\'s host ids nor 1000: Kasm chowns it to the mapping\'s uid/gid when a session starts, unless skip_check is set.',
      },
    ]);
  });

  it('a missing folder reports its nearest existing parent (no owner hint for the parent)', () => {
    expect(judgeHostPath(fact({ checkedPath: '/srv', exists: false, fsType: 'xfs', network: false, owner: { uid: 0, gid: 0 } }), { uid: 232072, gid: 232072 }, ku)).toEqual([
      { id: 'host-path.fs', severity: 'info', message: '/srv: xfs filesystem, owned by 0:0' },
      { id: 'host-path.missing', severity: 'info', message: '/srv/kasm/shared does not exist yet; /srv is its nearest existing parent (Kasm creates the folder when the session starts, unless skip_check).' },
    ]);
  });

  it('not visible: says unknown and why, never guesses', () => {
    const unknown = fact({ checkedPath: null, exists: null, fsType: null, mountPoint: null, owner: null, network: null, unknownReason: 'this host\'s files are not visible to the dashboard (a remote Docker endpoint)' });
    expect(judgeHostPath(unknown, { uid: 1000, gid: 1000 }, ku)).toEqual([
      { id: 'host-path.unknown', severity: 'info', message: 'Filesystem and owner of /srv/kasm/shared/{username} unknown: this host\'s files are not visible to the dashboard (a remote Docker endpoint).' },
    ]);
  });
});
