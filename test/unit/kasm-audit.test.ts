import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDeployment, mergeRunConfig, kasmAuditSchema } from '@/lib/kasm/audit';
import { getImagesAnswerSchema, kasmImageSchema } from '@/lib/kasm/deployment';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import { EXPECTED_DEPLOYMENT, EXPECTED_EDITED, EXPECTED_GROUPS, EXPECTED_STORAGE, standinDeployment } from '../support/kasm-deployment';

/** A host whose sysbox range is NOT the guide's 296608: every number in a text must be this host's. */
const KU: KasmUserFact = { uid: 232072, gid: 232072, rangeStart: { uid: 231072, gid: 231072 }, source: 'subuid', explanation: 'from /etc/subuid' };
const HOST = { id: 'local', name: 'agent-7' };
const audit = auditDeployment({ deployment: standinDeployment({ kasmUid: 232072, kasmGid: 232072 }), host: HOST, kasmUser: KU });
const byName = (n: string) => {
  const w = audit.workspaces.find((x) => x.name === n);
  if (!w) throw new Error(`no Workspace ${n}`);
  return w;
};

describe('Kasm audit of the stand-in deployment (host range 231072)', () => {
  it.each(Object.entries(EXPECTED_EDITED))('%s', (name, want) => {
    const w = byName(name);
    expect(w.sysbox).toBe(want.sysbox);
    expect(w.findings.map((f) => [f.id, f.severity, f.field])).toEqual(want.findings);
    expect(w.fixes.map((f) => f.field)).toEqual(want.fixes);
  });

  it('deployment-wide, group and storage findings', () => {
    expect(audit.findings.map((f) => [f.id, f.field])).toEqual(EXPECTED_DEPLOYMENT);
    expect(audit.groups.map((g) => [g.name, g.findings.map((f) => f.id)])).toEqual(EXPECTED_GROUPS);
    expect(audit.storageProviders.map((p) => [p.name, p.findings.map((f) => f.id)])).toEqual(EXPECTED_STORAGE);
  });

  it('answers the API schema and never prints the guide numbers', () => {
    expect(kasmAuditSchema.parse(audit)).toEqual(audit);
    expect(JSON.stringify(audit)).not.toMatch(/29[67]608/);
  });

  it('texts carry the host numbers, with line and column inside the field', () => {
    const vol = byName('Sysbox volume 1000').findings[0];
    expect(vol).toEqual({
      // The volume linter's own finding (lib/kasm/lint.ts), judged against the agent's kasm-user.
      id: 'sysbox.uid-1000',
      severity: 'warning',
      field: 'volume_mappings',
      line: 5,
      column: 5,
      message:
        "uid/gid 1000/1000 under Sysbox works only when Sysbox ID-maps the bind mount: the host folder is on a local ext4, xfs or btrfs filesystem and the kernel does ID-mapped mounts (5.12+). On NFS or CIFS the mount fails or kasm-user sees the files as nobody. 232072/232072 (kasm-user's host ids here) works on every filesystem.",
    });
    const s3 = audit.storageProviders[0]?.findings[0];
    expect(s3?.message).toBe(
      'Storage provider Team S3 uses uid/gid 1000/1000, but rclone storage is a FUSE mount, which Sysbox never ID-shifts: kasm-user is host 232072/232072 on agent-7, so it sees these files as nobody. Use "232072"/"232072".',
    );
    expect(byName('Sysbox without user').findings[0]?.message).toBe(
      'Runs under Sysbox without "user": 0: Kasm starts it as "1000", so /sbin/init cannot run as root. Add "user": 0.',
    );
    expect(byName('Sysbox Rocky with apt-get').findings[0]).toMatchObject({
      message: 'first_launch.cmd installs sudo with apt-get, but kasmweb/core-rockylinux-9:1.16.0 is a rhel image that uses dnf: the hook fails and kasm-user gets no sudo.',
      line: 4,
      column: 5,
    });
  });

  it('offers corrected JSON from the generators, pre-filled', () => {
    const rc = byName('Sysbox without user').fixes[0];
    expect(rc?.text && JSON.parse(rc.text)).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0 });
    expect(rc?.href).toBe('/generate/run-config?image=kasmweb%2Fcore-debian-bookworm%3A1.16.0');
    const vm = byName('Sysbox volume 1000').fixes[0];
    expect(vm?.text && JSON.parse(vm.text)).toEqual({
      '/srv/kasm/shared': { bind: '/home/kasm-user/shared', mode: 'rw', uid: 232072, gid: 232072, required: true, skip_check: false },
    });
    expect(vm?.href).toBe('/generate/volumes?hostPath=%2Fsrv%2Fkasm%2Fshared&uid=232072&gid=232072');
    const ec = byName('Sysbox Rocky with apt-get').fixes[0];
    // Core images ship sudo: the generator leaves the install out rather than using the wrong package manager.
    expect(ec?.text && JSON.parse(ec.text)).toEqual({
      first_launch: { user: 'root', cmd: 'bash -c \'/usr/bin/desktop_ready && echo "kasm-user ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers\'' },
    });
    expect(audit.groups[2]?.fixes.map((f) => JSON.parse(f.text))).toEqual([{}]);
    expect(audit.storageProviders[0]?.fixes.map((f) => JSON.parse(f.text))).toEqual([
      { driver: 'rclone', driver_opts: { type: 's3', 's3-provider': 'AWS', 's3-region': 'us-east-1', uid: '232072', gid: '232072', allow_other: 'true' } },
    ]);
  });

  it('effective run_config follows Kasm merge rules: default user, Workspace, then the lowest-priority group', () => {
    expect(byName('Sysbox Jammy (right)').effective.runConfig).toEqual({ user: 0, runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], environment: { TZ: 'UTC' } });
    expect(byName('Sysbox Jammy (right)').runConfigGroup).toBe('Sysbox Admins');
    expect(mergeRunConfig({ environment: { A: '1', B: '1' }, cap_add: ['X'] }, { environment: { B: '2' }, cap_add: ['Y'] })).toEqual({
      environment: { A: '1', B: '2' },
      cap_add: ['Y'],
    });
  });

  it('a group run_config with "user" that wins makes every Sysbox Workspace an error', () => {
    const d = standinDeployment({ kasmUid: 232072, kasmGid: 232072 });
    const admins = d.groups.find((g) => g.group.name === 'Sysbox Admins');
    if (!admins) throw new Error('fixture');
    admins.settings = [];
    const a = auditDeployment({ deployment: d, host: HOST, kasmUser: KU });
    const right = a.workspaces.find((w) => w.name === 'Sysbox Jammy (right)');
    expect(right?.findings.map((f) => [f.id, f.field])).toEqual([
      ['clash.user', 'run_config'],
      ['sysbox.group-user', 'group Contractors: run_config'],
    ]);
  });

  it('unknown kasm-user: no host numbers invented, one deployment note', () => {
    const a = auditDeployment({
      deployment: standinDeployment({ kasmUid: 232072, kasmGid: 232072 }),
      host: HOST,
      kasmUser: { uid: null, gid: null, rangeStart: { uid: null, gid: null }, source: 'unknown', explanation: '/etc/subuid is not readable.' },
    });
    expect(a.findings[a.findings.length - 1]).toMatchObject({ id: 'audit.kasm-user-unknown', severity: 'info' });
    // No right numbers to name (no ids-wrong, no storage ids); the linter's 1000/1000 opt-in warning still holds without them.
    expect(a.workspaces.flatMap((w) => w.findings).some((f) => f.id === 'sysbox.ids-wrong')).toBe(false);
    expect(a.storageProviders.flatMap((p) => p.findings).some((f) => f.id === 'sysbox.storage-ids')).toBe(false);
  });

  it('JSON fields sent as strings are parsed; a broken one is a located lint finding', () => {
    const img = kasmImageSchema.parse({ image_id: 'x', name: 'kasmweb/core-ubuntu-jammy:1.16.0', run_config: '{"runtime": "sysbox-runc",}', exec_config: '', unknown_field: 1 });
    expect(img.exec_config).toBeNull();
    expect(img).toHaveProperty('unknown_field', 1);
    const a = auditDeployment({ deployment: { fetchedAt: 'now', images: [img], groups: [], storageProviders: [] }, host: HOST, kasmUser: KU });
    expect(a.workspaces[0]?.findings[0]).toMatchObject({ id: 'json.syntax', field: 'run_config', line: 1 });
  });

  it('audits all 194 real registry records without a crash', () => {
    const file = path.join(process.cwd(), 'test/fixtures/kasm/registry-workspaces.jsonl');
    const records = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(194);
    const images = getImagesAnswerSchema.parse({
      images: records.map((r, i) => ({ image_id: String(i), name: r.image ?? 'unknown', friendly_name: r.name, run_config: r.run_config, exec_config: r.exec_config, volume_mappings: r.volume_mappings })),
    }).images;
    const a = auditDeployment({ deployment: { fetchedAt: 'now', images, groups: [], storageProviders: [] }, host: HOST, kasmUser: KU });
    expect(a.workspaces).toHaveLength(194);
    expect(kasmAuditSchema.safeParse(a).success).toBe(true);
  });
});
