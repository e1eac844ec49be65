import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildDaemonJson, daemonJsonFormSchema } from './daemon-json';
import { buildExecConfig, execConfigFormSchema, kasmExecConfigSchema } from './exec-config';
import { CORE_IMAGES, FAMILY_IDS, coreImageRef } from './images';
import { parseJson } from './json';
import { buildRunConfig, kasmRunConfigSchema, runConfigFormSchema } from './run-config';
import { STORAGE_PROVIDER_IDS, buildStorageMapping, kasmStorageVolumeConfigSchema, storageMappingFormSchema } from './storage-mapping';
import { decodeFormState, encodeFormState } from './url-state';
import { buildVolumeMapping, kasmVolumeMappingsSchema, volumeMappingFormSchema } from './volume-mapping';

const rc = (input: Record<string, unknown> = {}) => buildRunConfig(runConfigFormSchema.parse(input));
const ec = (input: Record<string, unknown> = {}) => buildExecConfig(execConfigFormSchema.parse(input));
const vm = (input: Record<string, unknown> = {}) => buildVolumeMapping(volumeMappingFormSchema.parse(input));
const sm = (input: Record<string, unknown> = {}) => buildStorageMapping(storageMappingFormSchema.parse(input));
const dj = (input: Record<string, unknown> = {}) => buildDaemonJson(daemonJsonFormSchema.parse(input));

function bashSyntaxOk(cmd: string): void {
  execFileSync('bash', ['-n', '-c', cmd], { stdio: 'pipe' });
}

describe('buildRunConfig', () => {
  it("reproduces the guide's run config exactly by default", () => {
    const out = rc();
    expect(out.json).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0 });
    expect(out.text).toBe('{\n  "runtime": "sysbox-runc",\n  "entrypoint": [\n    "/sbin/init"\n  ],\n  "user": 0\n}');
    expect(Object.keys(out.json)).toEqual(['runtime', 'entrypoint', 'user']);
  });

  it('is the same for all 13 core images', () => {
    expect(CORE_IMAGES).toHaveLength(13);
    for (const c of CORE_IMAGES) expect(rc({ image: coreImageRef(c.distro) }).json).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0 });
  });

  it('adds hostname, environment and shm_size', () => {
    const out = rc({ hostname: 'ws1', environment: [{ key: 'TZ', value: 'Europe/Paris' }, { key: 'A', value: 'b c' }], shmSize: '1G' });
    expect(out.json).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0, hostname: 'ws1', environment: { TZ: 'Europe/Paris', A: 'b c' }, shm_size: '1g' });
  });

  it('refuses keys Kasm overrides and keys that break Sysbox, keeps valid extras', () => {
    const out = rc({
      extra: { name: 'x', labels: {}, image: 'y', mem_limit: '1g', detach: false, cpu_shares: 2, privileged: true, network_mode: 'host', pid_mode: 'host', userns_mode: 'host', device_requests: [{ count: -1 }], runtime: 'nvidia', cap_add: ['NET_ADMIN'], bogus: 1 },
    });
    expect(out.json).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0, cap_add: ['NET_ADMIN'] });
    const refused = out.warnings.filter((w) => w.severity === 'error').map((w) => w.id);
    expect(refused).toEqual([
      'refused.kasm.name', 'refused.kasm.labels', 'refused.kasm.image', 'refused.kasm.mem_limit', 'refused.kasm.detach', 'refused.kasm.cpu_shares',
      'refused.sysbox.privileged', 'refused.sysbox.network_mode', 'refused.sysbox.pid_mode', 'refused.sysbox.userns_mode', 'refused.sysbox.device_requests',
      'refused.sysbox.runtime', 'refused.unknown.bogus',
    ]);
  });

  it('does not offer /sbin/init for Fedora and Alpine', () => {
    expect(rc({ image: 'kasmweb/core-fedora-39:1.16.0', family: 'fedora' }).json).toEqual({ runtime: 'sysbox-runc' });
    const alpine = rc({ image: 'example/alpine-desktop:1' });
    expect(alpine.json).toEqual({ runtime: 'sysbox-runc' });
    expect(alpine.warnings.map((w) => w.id)).toContain('image.no-systemd');
  });

  it('explains the merge for the group target', () => {
    expect(rc({ target: 'group' }).warnings.find((w) => w.id === 'merge.group')?.message).toMatch(/group wins.*environment is merged/);
    expect(rc().warnings.map((w) => w.id)).toContain('merge.workspace');
  });

  it('outputs validate against the schema Kasm enforces', () => {
    for (const input of [{}, { hostname: 'a', shmSize: '2g', environment: [{ key: 'X', value: '1' }] }, { extra: { cap_add: ['SYS_PTRACE'] } }]) {
      const out = rc(input);
      expect(kasmRunConfigSchema.safeParse(JSON.parse(out.text)).success).toBe(true);
    }
  });
});

const GUIDE_SUDO_CMD = `bash -c '/usr/bin/desktop_ready && apt-get update && apt-get install -y sudo && echo "kasm-user ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers'`;

describe('buildExecConfig', () => {
  it("reproduces the guide's sudo exec config exactly (install forced on a core image)", () => {
    const out = ec({ forceInstall: true });
    expect(out.json).toEqual({ first_launch: { user: 'root', cmd: GUIDE_SUDO_CMD } });
    expect(out.text).toContain(String.raw`"cmd": "bash -c '/usr/bin/desktop_ready && apt-get update && apt-get install -y sudo && echo \"kasm-user ALL=(ALL) NOPASSWD: ALL\" >> /etc/sudoers'"`);
  });

  it('skips the install for core images that ship sudo', () => {
    expect(ec().json).toEqual({
      first_launch: { user: 'root', cmd: `bash -c '/usr/bin/desktop_ready && echo "kasm-user ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers'` },
    });
  });

  it('uses the image family package manager', () => {
    expect(ec({ image: 'kasmweb/core-rockylinux-9:1.16.0', forceInstall: true }).json.first_launch?.cmd).toBe(
      `bash -c '/usr/bin/desktop_ready && dnf install -y sudo && echo "kasm-user ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers'`,
    );
    expect(ec({ image: 'kasmweb/core-opensuse-15:1.16.0', forceInstall: true }).json.first_launch?.cmd).toBe(
      `bash -c '/usr/bin/desktop_ready && zypper --non-interactive install sudo && echo "kasm-user ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers'`,
    );
    expect(ec({ image: 'me/custom:1', family: 'alpine' }).json.first_launch?.cmd).toBe(
      `bash -c '/usr/bin/desktop_ready && apk add --no-cache sudo && echo "kasm-user ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers'`,
    );
  });

  it('password mode: sudo asks for a password, the password is a placeholder in the hook environment', () => {
    expect(ec({ sudo: 'password', user: 'alice', waitForDesktop: false }).json).toEqual({
      first_launch: {
        user: 'root',
        cmd: `bash -c 'echo "alice:$SUDO_PASSWORD" | chpasswd && echo "alice ALL=(ALL) ALL" >> /etc/sudoers'`,
        environment: { SUDO_PASSWORD: 'REPLACE_WITH_PASSWORD' },
      },
    });
  });

  it('every generated cmd passes bash -n and the output validates against the exec_config schema', () => {
    const images = [...CORE_IMAGES.map((c) => coreImageRef(c.distro)), 'me/custom:1'];
    let n = 0;
    const cmds = new Set<string>();
    for (const image of images)
      for (const family of [undefined, ...FAMILY_IDS])
        for (const sudo of ['nopasswd', 'password'])
          for (const forceInstall of [true, false])
            for (const waitForDesktop of [true, false]) {
              const out = ec({ image, family, sudo, forceInstall, waitForDesktop, user: 'kasm-user' });
              const parsed = kasmExecConfigSchema.parse(JSON.parse(out.text));
              cmds.add(parsed.first_launch?.cmd ?? '');
              n++;
            }
    expect(n).toBeGreaterThan(100);
    expect(cmds.size).toBeGreaterThan(10);
    for (const cmd of cmds) bashSyntaxOk(cmd);
  }, 60_000);

  it('bash -n really catches a broken cmd (the check is not vacuous)', () => {
    expect(() => bashSyntaxOk(`bash -c '/usr/bin/desktop_ready && echo "x`)).toThrow();
  });
});

describe('buildVolumeMapping', () => {
  it('uses the typed uid/gid as integers and explains the Sysbox arithmetic', () => {
    const out = vm({ hostPath: '/mnt/share/{username}', containerPath: '/share', uid: 297608, gid: 297608, subuidStart: 296608, subgidStart: 296608, idShift: 'no' });
    expect(out.json).toEqual({ '/mnt/share/{username}': { bind: '/share', mode: 'rw', uid: 297608, gid: 297608, required: true, skip_check: false } });
    expect(out.warnings.find((w) => w.id === 'ids.explained')?.message).toContain('296608 + 1000 = 297608');
    expect(out.warnings.map((w) => w.id)).not.toContain('ids.mismatch');
  });

  it('subuid start + 1000 stays right where Sysbox could ID-shift bind mounts (it is never shifted): no mismatch', () => {
    const out = vm({ uid: 297608, gid: 297608, subuidStart: 296608, subgidStart: 296608, idShift: 'yes' });
    expect(out.warnings.map((w) => w.id)).not.toContain('ids.mismatch');
  });

  it('without uid/gid takes them from the typed-in start; without either it refuses (never a silent 1000)', () => {
    expect(vm({ subuidStart: 231072, subgidStart: 231072 }).json['/srv/kasm/shared/{username}']).toMatchObject({ uid: 232072, gid: 232072 });
    expect(() => vm({})).toThrow('uid and gid unknown');
    expect(vm({ uid: 1000, gid: 1000, subuidStart: 296608, subgidStart: 296608, idShift: 'no' }).warnings.find((w) => w.id === 'ids.opt-in-1000')?.message).toContain("kernel cannot ID-map bind mounts");
  });

  it('ro, skip_check, timeout', () => {
    expect(vm({ hostPath: '/data', containerPath: '/data', mode: 'ro', required: false, skipCheck: true, timeout: 30, uid: 5, gid: 6 }).json).toEqual({
      '/data': { bind: '/data', mode: 'ro', uid: 5, gid: 6, required: false, skip_check: true, timeout: 30 },
    });
  });

  it('outputs validate against the volume_mappings schema Kasm enforces', () => {
    expect(kasmVolumeMappingsSchema.safeParse(JSON.parse(vm({ timeout: 5, uid: 232072, gid: 232072 }).text)).success).toBe(true);
    expect(kasmVolumeMappingsSchema.safeParse({ '/a': { bind: '/b', mode: 'rw', uid: '1000', gid: 1000 } }).success).toBe(false);
  });

  it('rejects relative paths in the form', () => {
    expect(volumeMappingFormSchema.safeParse({ hostPath: 'data' }).success).toBe(false);
  });
});

describe('buildStorageMapping', () => {
  it("reproduces the guide's S3 storage mapping with uid/gid \"297608\" for a subuid start of 296608", () => {
    const out = sm({ provider: 's3', uid: '297608', gid: '297608', subuidStart: 296608, subgidStart: 296608 });
    expect(out.json).toEqual({
      driver: 'rclone',
      driver_opts: { type: 's3', 's3-provider': 'AWS', 's3-env-auth': 'false', 's3-region': 'us-east-1', uid: '297608', gid: '297608', allow_other: 'true' },
    });
    expect(Object.keys(out.json.driver_opts)).toEqual(['type', 's3-provider', 's3-env-auth', 's3-region', 'uid', 'gid', 'allow_other']);
    expect(out.warnings.map((w) => w.id)).not.toContain('ids.mismatch');
  });

  it('each provider gets its rclone type and fields', () => {
    const ids = { uid: '297608', gid: '297608' };
    expect(sm({ provider: 'google-drive', ...ids }).json.driver_opts).toEqual({ type: 'drive', uid: '297608', gid: '297608', allow_other: 'true' });
    expect(sm({ provider: 'dropbox', ...ids }).json.driver_opts).toEqual({ type: 'dropbox', uid: '297608', gid: '297608', allow_other: 'true' });
    expect(sm({ provider: 'onedrive', ...ids }).json.driver_opts).toEqual({ type: 'onedrive', uid: '297608', gid: '297608', allow_other: 'true' });
    expect(sm({ provider: 'nextcloud', webdavUrl: 'https://nc.example.org/remote.php/webdav/', ...ids }).json.driver_opts).toEqual({
      type: 'webdav', 'webdav-url': 'https://nc.example.org/remote.php/webdav/', 'webdav-vendor': 'nextcloud', uid: '297608', gid: '297608', allow_other: 'true',
    });
    expect(sm({ provider: 'azure-blob', azureAccount: 'acct', ...ids }).json.driver_opts).toEqual({
      type: 'azureblob', 'azureblob-account': 'acct', 'azureblob-key': 'REPLACE_WITH_AZURE_STORAGE_KEY', uid: '297608', gid: '297608', allow_other: 'true',
    });
    expect(sm({ provider: 'custom', customType: 'sftp', path: '/srv', vfsCacheMode: 'writes', ...ids }).json.driver_opts).toEqual({
      type: 'sftp', path: '/srv', uid: '297608', gid: '297608', allow_other: 'true', 'vfs-cache-mode': 'writes',
    });
  });

  it('flags 1000/1000 under Sysbox (FUSE mounts are not ID-shifted)', () => {
    expect(sm({ uid: '1000', gid: '1000', subuidStart: 296608, subgidStart: 296608 }).warnings.find((w) => w.id === 'ids.mismatch')?.message).toContain('"297608"');
    expect(sm({ subuidStart: 231072, subgidStart: 231072 }).json.driver_opts).toMatchObject({ uid: '232072', gid: '232072' });
    expect(() => sm({})).toThrow('uid and gid unknown');
  });

  it('all outputs validate against the volume_config schema', () => {
    for (const provider of STORAGE_PROVIDER_IDS) {
      const out = sm({ provider, customType: 'sftp', uid: '232072', gid: '232072' });
      expect(kasmStorageVolumeConfigSchema.safeParse(JSON.parse(out.text)).success).toBe(true);
    }
  });
});

describe('buildDaemonJson', () => {
  const guide = {
    runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } },
    bip: '172.20.0.1/16',
    'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
  };

  it("with no current file: the guide's daemon.json", () => {
    expect(dj().json).toEqual(guide);
  });

  it('keeps every other key and runtime, in order', () => {
    const out = dj({ current: '{"log-driver":"json-file","runtimes":{"runsc":{"path":"/usr/bin/runsc"}},"userns-remap":"sysbox"}' });
    expect(out.json).toEqual({
      'log-driver': 'json-file',
      runtimes: { runsc: { path: '/usr/bin/runsc' }, 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } },
      'userns-remap': 'sysbox',
      bip: '172.20.0.1/16',
      'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
    });
    expect(Object.keys(out.json ?? {})).toEqual(['log-driver', 'runtimes', 'userns-remap', 'bip', 'default-address-pools']);
  });

  it('reports conflicts and keeps the host network choices', () => {
    const out = dj({ current: '{"bip":"10.1.0.1/16","runtimes":{"sysbox-runc":{"path":"/opt/sysbox-runc"}},"default-runtime":"sysbox-runc"}' });
    expect(out.json).toEqual({
      bip: '10.1.0.1/16',
      runtimes: { 'sysbox-runc': { path: '/usr/bin/sysbox-runc' } },
      'default-runtime': 'sysbox-runc',
      'default-address-pools': [{ base: '172.25.0.0/16', size: 24 }],
    });
    expect(out.warnings.map((w) => w.id)).toEqual(expect.arrayContaining(['conflict.bip', 'conflict.runtime-path', 'default-runtime']));
  });

  it('refuses a broken current file with line and column', () => {
    const out = dj({ current: '{\n  "bip": "10.1.0.1/16",\n}' });
    expect(out.json).toBeNull();
    expect(out.warnings[0]?.message).toMatch(/line 3, column 1/);
  });

  it('output parses as JSON', () => {
    expect(parseJson(dj({ current: '{"a":1}' }).text).ok).toBe(true);
  });
});

describe('form state in the URL', () => {
  it('round-trips every form through search params', () => {
    const cases = [
      [runConfigFormSchema, runConfigFormSchema.parse({ image: 'kasmweb/core-rockylinux-9:1.16.0', hostname: '123', environment: [{ key: 'A', value: '1' }], target: 'group', extra: { cap_add: ['X'] } })],
      [execConfigFormSchema, execConfigFormSchema.parse({ sudo: 'password', forceInstall: true, user: 'bob' })],
      [volumeMappingFormSchema, volumeMappingFormSchema.parse({ uid: 297608, gid: 297608, timeout: 5, subuidStart: 296608, subgidStart: 296608, idShift: 'no' })],
      [storageMappingFormSchema, storageMappingFormSchema.parse({ provider: 'nextcloud', uid: '297608', gid: '297608', allowOther: false })],
      [daemonJsonFormSchema, daemonJsonFormSchema.parse({ current: '{"a":1}', poolSize: 20 })],
    ] as const;
    for (const [schema, form] of cases) {
      const params = encodeFormState(form as Record<string, unknown>, schema.parse({}) as Record<string, unknown>);
      expect(decodeFormState(schema, new URLSearchParams(params.toString()))).toEqual(form);
    }
  });

  it('falls back to defaults on bad parameters', () => {
    expect(decodeFormState(volumeMappingFormSchema, new URLSearchParams('uid=abc&mode=xx&gid=5'))).toEqual(volumeMappingFormSchema.parse({ gid: 5 }));
  });

  it('reads the image the Containers page links with', () => {
    expect(decodeFormState(runConfigFormSchema, new URLSearchParams('image=kasmweb/core-rockylinux-9:1.16.0')).image).toBe('kasmweb/core-rockylinux-9:1.16.0');
  });
});
