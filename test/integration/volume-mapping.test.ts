import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildVolumeMapping, volumeMappingFormSchema, type KasmVolumeMappings } from '@/lib/kasm';
import { dockerGet } from '@/lib/server/docker';
import { KASM_IMAGE, docker, sandboxHost } from '../support/docker-fixtures';

/**
 * The generated volume mapping on the real kernel: the sandbox dockerd remaps
 * user namespaces to the sysbox subuid range (as Sysbox CE does), nothing
 * ID-shifts bind mounts there, so the mapping's uid/gid must be the mapped
 * host ids of kasm-user for kasm-user to write.
 */
const sandbox = inject('sandbox');
const host = sandboxHost(sandbox);
const created: string[] = [];
const base = path.join(sandbox.dir, `volume-mapping-${process.pid}`);

/** Start of the container uid range on the host, read from a running container's uid_map (live truth). */
async function liveSubidStart(): Promise<{ uid: number; gid: number }> {
  const name = `ksd-gen-idmap-${process.pid}`;
  docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', KASM_IMAGE]);
  created.push(name);
  const inspect = await dockerGet<{ State: { Pid: number } }>(host, `/containers/${name}/json`);
  const first = (file: string) => {
    const [inside, outside] = fs.readFileSync(`/proc/${inspect.State.Pid}/${file}`, 'utf8').trim().split(/\s+/).map(Number);
    if (inside !== 0 || outside === undefined) throw new Error(`unexpected ${file}`);
    return outside;
  };
  return { uid: first('uid_map'), gid: first('gid_map') };
}

function hostFolder(name: string, uid: number, gid: number): string {
  const dir = path.join(base, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(base, 0o755);
  fs.chownSync(dir, uid, gid);
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Run as kasm-user (1000:1000) with the mapping applied as a bind mount; returns whether touch succeeded. */
function kasmUserCanCreate(mapping: KasmVolumeMappings, hostDir: string): { ok: boolean; out: string } {
  const entry = Object.values(mapping)[0];
  if (!entry) throw new Error('empty mapping');
  const name = `ksd-gen-vm-${process.pid}-${created.length}`;
  created.push(name);
  try {
    const out = docker(sandbox, [
      'run', '--name', name, '--network', 'none', '--user', '1000:1000', '-v', `${hostDir}:${entry.bind}:${entry.mode}`, KASM_IMAGE,
      'sh', '-c', `touch ${entry.bind}/created-by-kasm-user && stat -c %u:%g ${entry.bind}/created-by-kasm-user`,
    ]);
    return { ok: true, out };
  } catch (err) {
    return { ok: false, out: String(err) };
  }
}

beforeAll(() => {
  fs.mkdirSync(base, { recursive: true });
});

afterAll(() => {
  if (created.length) docker(sandbox, ['rm', '-f', ...created]);
  fs.rmSync(base, { recursive: true, force: true });
});

describe('generated volume mapping on a userns-remapped dockerd (real kernel user namespaces)', () => {
  it('the generated uid/gid (subuid start + 1000) let kasm-user create a file; the naive 1000/1000 is refused', async () => {
    const start = await liveSubidStart();
    if (sandbox.subuidStart !== null) expect(start.uid).toBe(sandbox.subuidStart);
    const form = volumeMappingFormSchema.parse({
      hostPath: '/srv/kasm/{username}',
      containerPath: '/home/kasm-user/shared',
      subuidStart: start.uid,
      subgidStart: start.gid,
      idShift: 'no',
      uid: start.uid + 1000,
      gid: start.gid + 1000,
    });
    const generated = buildVolumeMapping(form);
    const entry = generated.json['/srv/kasm/{username}'];
    expect(entry).toEqual({ bind: '/home/kasm-user/shared', mode: 'rw', uid: start.uid + 1000, gid: start.gid + 1000, required: true, skip_check: false });
    expect(generated.warnings.find((w) => w.id === 'ids.explained')?.message).toContain(`${start.uid} + 1000 = ${start.uid + 1000}`);
    if (!entry) throw new Error('no entry');

    const good = kasmUserCanCreate(generated.json, hostFolder('generated', entry.uid, entry.gid));
    expect(good.ok, good.out).toBe(true);
    expect(good.out).toBe('1000:1000'); // kasm-user inside ...
    expect(fs.statSync(path.join(base, 'generated', 'created-by-kasm-user'))).toMatchObject({ uid: start.uid + 1000, gid: start.gid + 1000 }); // ... 297608 on the host

    const naive = buildVolumeMapping(volumeMappingFormSchema.parse({ ...form, uid: 1000, gid: 1000 }));
    expect(naive.warnings.map((w) => w.id)).toContain('ids.mismatch');
    const bad = kasmUserCanCreate(naive.json, hostFolder('naive', 1000, 1000));
    expect(bad.ok).toBe(false);
    expect(bad.out).toMatch(/Permission denied/);
    expect(fs.existsSync(path.join(base, 'naive', 'created-by-kasm-user'))).toBe(false);
  });
});
