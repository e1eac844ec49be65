import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildVolumeMapping, volumeMappingFormSchema, type KasmVolumeMappings } from '@/lib/kasm';
import { resetContainerInventory } from '@/lib/server/containers/inventory';
import { clearHostStatusCache, getHostStatus } from '@/lib/server/probe/status';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
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

/** facts.kasmUser of the sandbox host as the status API publishes it, with a sysbox-runc (STAND-IN) container running. */
async function liveKasmUser(): Promise<KasmUserFact> {
  const name = `ksd-gen-idmap-${process.pid}-${created.length}`;
  // Runs under the sandbox's sysbox-runc, which is a STAND-IN (runc under userns-remap), not Sysbox.
  docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', KASM_IMAGE]);
  created.push(name);
  clearHostStatusCache();
  resetContainerInventory(host.id);
  return (await getHostStatus(host)).facts.kasmUser;
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

describe('generated volume mapping on a userns-remapped dockerd (real kernel user namespaces; sysbox-runc is a STAND-IN)', () => {
  it('facts.kasmUser.uid is the host owner of a file container uid 1000 wrote', async () => {
    const fact = await liveKasmUser();
    expect(fact.source).toBe('live-map');
    if (sandbox.subuidStart !== null) expect(fact.rangeStart).toEqual({ uid: sandbox.subuidStart, gid: sandbox.subuidStart });
    const dir = path.join(base, 'written');
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(dir, 0o777);
    const name = `ksd-gen-writer-${process.pid}`;
    created.push(name);
    docker(sandbox, ['run', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', '--user', '1000:1000', '-v', `${dir}:/w`, KASM_IMAGE, 'touch', '/w/by-uid-1000']);
    const st = fs.statSync(path.join(dir, 'by-uid-1000'));
    expect({ uid: st.uid, gid: st.gid }).toEqual({ uid: fact.uid, gid: fact.gid });
  });

  it('the mapping generated from facts.kasmUser lets kasm-user create a file; the 1000/1000 opt-in is refused here', async () => {
    const fact = await liveKasmUser();
    const form = volumeMappingFormSchema.parse({ hostPath: '/srv/kasm/{username}', containerPath: '/home/kasm-user/shared', idShift: 'no' });
    const generated = buildVolumeMapping(form, fact); // no uid/gid in the form: they come from the evaluator
    const entry = generated.json['/srv/kasm/{username}'];
    expect(entry).toEqual({ bind: '/home/kasm-user/shared', mode: 'rw', uid: fact.uid, gid: fact.gid, required: true, skip_check: false });
    expect(generated.warnings.find((w) => w.id === 'ids.explained')?.message).toBe(fact.explanation);
    if (!entry) throw new Error('no entry');

    const good = kasmUserCanCreate(generated.json, hostFolder('generated', entry.uid, entry.gid));
    expect(good.ok, good.out).toBe(true);
    expect(good.out).toBe('1000:1000'); // kasm-user inside ...
    expect(fs.statSync(path.join(base, 'generated', 'created-by-kasm-user'))).toMatchObject({ uid: fact.uid, gid: fact.gid }); // ... facts.kasmUser on the host

    const naive = buildVolumeMapping(volumeMappingFormSchema.parse({ ...form, uid: 1000, gid: 1000 }), fact);
    expect(naive.warnings.map((w) => w.id)).toContain('ids.opt-in-1000');
    const bad = kasmUserCanCreate(naive.json, hostFolder('naive', 1000, 1000));
    expect(bad.ok).toBe(false);
    expect(bad.out).toMatch(/Permission denied/);
    expect(fs.existsSync(path.join(base, 'naive', 'created-by-kasm-user'))).toBe(false);
  });
});
