import { describe, expect, it } from 'vitest';
import { buildStorageMapping, buildVolumeMapping, lintVolumeMappings, storageMappingFormSchema, volumeMappingFormSchema } from '@/lib/kasm';
import { evaluateHost } from '@/lib/sysbox/host-checks';
import { chownCommand, evaluateKasmUser, kasmUserFactSchema, optInWarning } from '@/lib/sysbox/kasm-user';
import { evaluateSharedMounts } from '@/lib/sysbox/container-findings';
import type { Container } from '@/lib/sysbox/container-schema';
import { ok, readySnapshot, withFiles } from './support/snapshots';

// This machine's own range (deliberately not the guide's 296608): every text below carries it.
const SUB = 'kasm-user:100000:65536\nsysbox:231072:65536\n';
const map = (start: number) => [{ inside: 0, outside: start, length: 65536 }];
const RULE =
  "A host folder owned by these ids is seen as kasm-user inside every Sysbox container, on every kernel and filesystem (Sysbox does not shift a bind mount whose owner lies in the container's range).";
const SUBUID_EXPLANATION = `kasm-user (container uid 1000) is host uid/gid 232072: Sysbox maps container root to the start of the sysbox line of /etc/subuid and /etc/subgid (uid 231072 + 1000 = 232072, gid 231072 + 1000 = 232072). ${RULE}`;

describe('evaluateKasmUser (the one kasm-user evaluator)', () => {
  it('subuid 231072 → 232072, from the files', () => {
    const f = evaluateKasmUser({ subuid: SUB, subgid: SUB, liveMaps: [] });
    expect(f).toEqual({ uid: 232072, gid: 232072, rangeStart: { uid: 231072, gid: 231072 }, source: 'subuid', explanation: SUBUID_EXPLANATION });
    expect(kasmUserFactSchema.parse(f)).toEqual(f);
  });

  it('a live map that differs from /etc/subuid wins, with a note', () => {
    const f = evaluateKasmUser({ subuid: SUB, subgid: SUB, liveMaps: [{ name: 'alice_1a2b3c4d', uid: map(165536), gid: map(165536) }] });
    expect(f).toEqual({
      uid: 166536,
      gid: 166536,
      rangeStart: { uid: 165536, gid: 165536 },
      source: 'live-map',
      explanation: `kasm-user (container uid 1000) is host uid/gid 166536, read from the live uid_map/gid_map of running Sysbox container alice_1a2b3c4d (root is host uid/gid 165536). ${RULE} The files disagree (/etc/subuid says 231072, /etc/subgid says 231072): the range changed after this container started; the live map is what running sessions use, and new sessions get the new range after Sysbox restarts.`,
    });
  });

  it('a live map that agrees with the files: live-map, no note', () => {
    const f = evaluateKasmUser({ subuid: SUB, subgid: SUB, liveMaps: [{ name: 'bob_00000001', uid: map(231072), gid: map(231072) }] });
    expect(f.source).toBe('live-map');
    expect(f.uid).toBe(232072);
    expect(f.explanation).not.toContain('disagree');
  });

  it('an identity map (no user namespace) is not a Sysbox map', () => {
    const f = evaluateKasmUser({ subuid: SUB, subgid: SUB, liveMaps: [{ name: 'x', uid: [{ inside: 0, outside: 0, length: 4294967295 }], gid: [{ inside: 0, outside: 0, length: 4294967295 }] }] });
    expect(f.source).toBe('subuid');
  });

  it('no readable subuid and no running Sysbox container → unknown, uid null, no number invented', () => {
    expect(evaluateKasmUser({ subuid: null, subgid: null, liveMaps: [] })).toEqual({
      uid: null,
      gid: null,
      rangeStart: { uid: null, gid: null },
      source: 'unknown',
      explanation:
        "kasm-user's host uid/gid is unknown: /etc/subuid could not be read, and no running Sysbox container's ID map could be read. Type the sysbox subuid/subgid start in (the sysbox line of /etc/subuid and /etc/subgid).",
    });
    // duplicate sysbox lines: no single range either
    const dup = 'sysbox:231072:65536\nsysbox:231072:65536\n';
    expect(evaluateKasmUser({ subuid: dup, subgid: dup, liveMaps: [] })).toMatchObject({ uid: null, source: 'unknown' });
  });

  it('different maps per container (Sysbox-EE / ECI) → per-container, uid/gid null', () => {
    const f = evaluateKasmUser({
      subuid: SUB,
      subgid: SUB,
      liveMaps: [
        { name: 'a', uid: map(165536), gid: map(165536) },
        { name: 'b', uid: map(231072), gid: map(231072) },
      ],
      idMappedMounts: true,
    });
    expect(f).toEqual({
      uid: null,
      gid: null,
      rangeStart: { uid: 231072, gid: 231072 },
      source: 'per-container',
      explanation:
        "Running Sysbox containers have different ID maps (a uid/gid 166536; b uid/gid 232072): this Sysbox (Sysbox-EE, or Docker Desktop's Enhanced Container Isolation) gives each container its own range, so no single uid/gid fits every session. Only 1000/1000 on a host folder whose filesystem supports ID-mapped mounts (local ext4, xfs or btrfs; not NFS or CIFS) works for all of them.",
    });
  });

  it('evaluateHost publishes it as facts.kasmUser, from the live map of a running sysbox-runc container', () => {
    const s = withFiles(readySnapshot(), { subuid: ok(SUB), subgid: ok(SUB) });
    expect(evaluateHost(s).facts.kasmUser).toEqual({ uid: 232072, gid: 232072, rangeStart: { uid: 231072, gid: 231072 }, source: 'subuid', explanation: SUBUID_EXPLANATION });
    const live = { ...s, containers: { ok: true as const, value: [{ id: 'c1', name: 'alice_1a2b3c4d', runtime: 'sysbox-runc', state: 'running', startedAt: null, error: null, idMap: { uid: map(231072), gid: map(231072) } }] } };
    expect(evaluateHost(live).facts.kasmUser).toMatchObject({ uid: 232072, source: 'live-map' });
    expect(evaluateHost(live).checks.find((c) => c.id === 'subid.sysbox')?.summary).toContain('host uid/gid 232072');
  });

  it('the missing-subuid fix says who allocates the range, never the guide\'s 296608', () => {
    const c = evaluateHost(withFiles(readySnapshot(), { subuid: ok('kasm-user:100000:65536\n'), subgid: ok('kasm-user:100000:65536\n') })).checks.find((x) => x.id === 'subid.sysbox');
    expect(c?.status).toBe('fail');
    expect(c?.fix).toEqual({
      text: 'The Sysbox installer (sysbox-mgr at start) allocates the sysbox range: it adds a "sysbox:<first free id>:65536" line to both files when there is none. Remove any broken sysbox lines and restart Sysbox. Stop Sysbox containers first.',
      commands: ["sudo sed -i '/^sysbox:/d' /etc/subuid /etc/subgid", 'sudo systemctl restart sysbox', 'grep ^sysbox: /etc/subuid /etc/subgid'],
    });
    expect(JSON.stringify(c)).not.toMatch(/29[67]608/);
  });
});

describe('texts that carry numbers, on a 231072 host (exact)', () => {
  const fact = evaluateKasmUser({ subuid: SUB, subgid: SUB, liveMaps: [] });
  const NOT_SHARED = { id: 'sysbox.not-shared', severity: 'warning', message: 'Do not attach this mapping to non-Sysbox Workspaces too: the two see different owners and one of them gets permission errors.' };

  it('volume mapping: default ids = facts.kasmUser; skip_check gives the chown with the host numbers', () => {
    const out = buildVolumeMapping(volumeMappingFormSchema.parse({ skipCheck: true }), fact);
    expect(out.json).toEqual({ '/srv/kasm/shared/{username}': { bind: '/home/kasm-user/shared', mode: 'rw', uid: 232072, gid: 232072, required: true, skip_check: true } });
    expect(out.warnings).toEqual([
      { id: 'ids.explained', severity: 'info', message: SUBUID_EXPLANATION },
      {
        id: 'skip-check.chown',
        severity: 'warning',
        message: "skip_check also skips Kasm's chown of the host folder: create it and chown it by hand for each user, e.g. sudo chown 232072:232072 '/srv/kasm/shared/<username>'.",
      },
      NOT_SHARED,
    ]);
  });

  it('volume mapping: 1000/1000 is the explained opt-in', () => {
    const out = buildVolumeMapping(volumeMappingFormSchema.parse({ uid: 1000, gid: 1000, idShift: 'yes' }), fact);
    expect(out.warnings).toEqual([
      { id: 'ids.explained', severity: 'info', message: SUBUID_EXPLANATION },
      {
        id: 'ids.opt-in-1000',
        severity: 'warning',
        message:
          "uid/gid 1000/1000 under Sysbox works only when Sysbox ID-maps the bind mount: the host folder is on a local ext4, xfs or btrfs filesystem and the kernel does ID-mapped mounts (5.12+). On NFS or CIFS the mount fails or kasm-user sees the files as nobody. 232072/232072 (kasm-user's host ids here) works on every filesystem.",
      },
      NOT_SHARED,
    ]);
    expect(optInWarning(fact, false)).toBe(
      "uid/gid 1000/1000 under Sysbox works only when Sysbox ID-maps the bind mount: the host folder is on a local ext4, xfs or btrfs filesystem and the kernel does ID-mapped mounts (5.12+). On NFS or CIFS the mount fails or kasm-user sees the files as nobody. This host's kernel cannot ID-map bind mounts, so it fails here. 232072/232072 (kasm-user's host ids here) works on every filesystem.",
    );
  });

  it('volume mapping: other ids are a mismatch naming the right numbers', () => {
    const out = buildVolumeMapping(volumeMappingFormSchema.parse({ uid: 297608, gid: 297608 }), fact);
    expect(out.warnings[1]).toEqual({
      id: 'ids.mismatch',
      severity: 'warning',
      message: "uid/gid 297608/297608 differ from kasm-user's host ids here (232072/232072): kasm-user may not be able to write to /home/kasm-user/shared.",
    });
  });

  it('storage mapping: ids from facts.kasmUser as strings (FUSE is never shifted)', () => {
    const out = buildStorageMapping(storageMappingFormSchema.parse({}), fact);
    expect(out.json.driver_opts).toMatchObject({ uid: '232072', gid: '232072' });
    expect(out.warnings.find((w) => w.id === 'ids.explained')).toEqual({
      id: 'ids.explained',
      severity: 'info',
      message: `rclone storage is a FUSE mount, which Sysbox does not ID-shift. ${SUBUID_EXPLANATION}`,
    });
    expect(buildStorageMapping(storageMappingFormSchema.parse({ uid: '1000', gid: '1000' }), fact).warnings.find((w) => w.id === 'ids.mismatch')).toEqual({
      id: 'ids.mismatch',
      severity: 'warning',
      message: 'uid/gid "1000"/"1000" differ from "232072"/"232072": under Sysbox kasm-user will see the files as nobody.',
    });
  });

  it('lint: subuid+1000 → no id warning; 1000/1000 → the opt-in warning; others → the right numbers; skip_check → chown', () => {
    const lint = (uid: number, extra = '') => lintVolumeMappings(`{"/a/{username}":{"bind":"/b","mode":"rw","uid":${uid},"gid":${uid}${extra}}}`, { kasmUser: fact });
    expect(lint(232072)).toEqual([]);
    expect(lint(1000)).toEqual([
      {
        id: 'sysbox.uid-1000',
        severity: 'warning',
        line: 1,
        column: 43,
        message:
          "uid/gid 1000/1000 under Sysbox works only when Sysbox ID-maps the bind mount: the host folder is on a local ext4, xfs or btrfs filesystem and the kernel does ID-mapped mounts (5.12+). On NFS or CIFS the mount fails or kasm-user sees the files as nobody. 232072/232072 (kasm-user's host ids here) works on every filesystem.",
      },
    ]);
    expect(lint(5, ',"skip_check":true')).toEqual([
      {
        id: 'sysbox.ids-wrong',
        severity: 'warning',
        line: 1,
        column: 43,
        message: 'uid/gid 5/5 is not kasm-user on this host: kasm-user is host uid/gid 232072/232072 (sysbox range start 231072 + 1000), so it sees these files as nobody. Use 232072/232072.',
      },
      {
        id: 'sysbox.skip-check',
        severity: 'info',
        line: 1,
        column: 59,
        message: "skip_check also skips Kasm's chown of the host folder: under Sysbox chown it by hand, e.g. sudo chown 232072:232072 '/a/<username>' (for each user's folder).",
      },
    ]);
    // the query form for hosts the dashboard cannot see says the same
    expect(lintVolumeMappings('{"/a":{"bind":"/b","mode":"rw","uid":232072,"gid":232072}}', { subuidStart: 231072, subgidStart: 231072 })).toEqual([]);
  });

  it('chownCommand quotes the path', () => {
    expect(chownCommand(fact, "/srv/it's")).toBe("sudo chown 232072:232072 '/srv/it'\\''s'");
    expect(chownCommand({ uid: null, gid: null }, '/x')).toBeNull();
  });

  it('shared-volume finding names the Sysbox container\'s own kasm-user uid', () => {
    const base = { image: 'i', state: 'running', status: '', createdAt: '', startedAt: null, kasm: { kind: null }, user: '', entrypoint: null, privileged: false, pidMode: '', networkMode: '', gpu: false, idMap: null };
    const mounts = [{ type: 'volume', source: '/var/lib/docker/volumes/shared/_data', destination: '/s', rw: true, volumeName: 'shared' }];
    const cs: Omit<Container, 'findings'>[] = [
      { ...base, id: 's1', name: 'sysbox_one', runtime: 'sysbox-runc', sysbox: true, mounts, hostUids: { root: 231072, kasmUser: 232072 } },
      { ...base, id: 'r1', name: 'runc_one', runtime: 'runc', sysbox: false, mounts, hostUids: null },
    ];
    expect(evaluateSharedMounts(cs).get('s1')?.[0]?.message).toBe(
      "Volume \"shared\" is also mounted by non-Sysbox container runc_one (runc). Sysbox writes kasm-user's files as host uid 232072 and runc as 1000: one side sees the other's files as nobody.",
    );
  });
});
