import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { auditDeployment, type KasmAudit } from '@/lib/kasm/audit';
import { parseEnv } from '@/lib/server/env';
import { kasmUserOf } from '@/lib/server/kasm/audit';
import { clearKasmCache, fetchDeployment, kasmCall } from '@/lib/server/kasm/client';
import { kasmConfigFromEnv, type KasmConfig } from '@/lib/server/kasm/config';
import { clearHostStatusCache, getHostStatus } from '@/lib/server/probe/status';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
import { sandboxHost } from '../support/docker-fixtures';
import { EXPECTED_DEPLOYMENT, EXPECTED_EDITED, EXPECTED_GROUPS, EXPECTED_STORAGE } from '../support/kasm-deployment';
import { READ_VERBS, STANDIN_API_KEY, STANDIN_API_SECRET, corpusWorkspaces, startKasmStandin, type KasmStandin } from '../support/kasm-standin.mjs';

/**
 * The Kasm audit through its real path: a STAND-IN Kasm API server (HTTPS on
 * loopback, certificate from a CA made by the test with openssl, trusted via
 * KASM_CA_FILE) and kasm-user as the real sandbox dockerd's host status
 * publishes it (facts.kasmUser).
 */
const sandbox = inject('sandbox');
const host = sandboxHost(sandbox);
let dir = '';
let standin: KasmStandin;
let config: KasmConfig;
let kasmUser: KasmUserFact;
let audit: KasmAudit;

function configFor(env: Record<string, string>): KasmConfig {
  const c = kasmConfigFromEnv(parseEnv(env));
  if (!c) throw new Error('Kasm not configured');
  return c;
}

beforeAll(async () => {
  clearHostStatusCache();
  clearKasmCache();
  kasmUser = kasmUserOf(await getHostStatus(host));
  if (kasmUser.uid === null || kasmUser.gid === null) throw new Error(`sandbox host has no kasm-user: ${kasmUser.explanation}`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-kasm-standin-'));
  standin = await startKasmStandin({ dir, kasmUid: kasmUser.uid, kasmGid: kasmUser.gid });
  config = configFor({ KASM_URL: standin.url, KASM_API_KEY: STANDIN_API_KEY, KASM_API_KEY_SECRET: STANDIN_API_SECRET, KASM_CA_FILE: standin.ca, KASM_TIMEOUT_MS: '10000' });
  const [a, b] = await Promise.all([fetchDeployment(config), fetchDeployment(config)]);
  expect(a).toBe(b);
  audit = auditDeployment({ deployment: a, host: { id: host.id, name: host.name }, kasmUser });
});

afterAll(async () => {
  await standin?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Kasm audit: stand-in Kasm API (HTTPS, test CA) x real sandbox dockerd', () => {
  it('kasm-user comes from the sandbox host, not the guide', () => {
    expect(kasmUser.rangeStart.uid).toBe(sandbox.subuidStart);
    expect(kasmUser.uid).toBeGreaterThan(65536);
  });

  it('concurrent requests share one read of Kasm: only the four read verbs, credentials in the body', () => {
    expect(standin.calls.every((c) => c.method === 'POST' && c.verb !== null && READ_VERBS.includes(c.verb))).toBe(true);
    // get_images, get_groups, get_storage_providers + get_settings_group for each of the 3 groups, once.
    expect(standin.calls.map((c) => c.verb).sort()).toEqual(
      ['get_groups', 'get_images', 'get_settings_group', 'get_settings_group', 'get_settings_group', 'get_storage_providers'],
    );
  });

  it('lists every Workspace: the admin-edited ones and the real registry records', () => {
    expect(audit.workspaces).toHaveLength(Object.keys(EXPECTED_EDITED).length + corpusWorkspaces().length);
  });

  it.each(Object.entries(EXPECTED_EDITED))('%s: exactly the expected findings', (name, want) => {
    const w = audit.workspaces.find((x) => x.name === name);
    expect(w?.sysbox).toBe(want.sysbox);
    expect(w?.findings.map((f) => [f.id, f.severity, f.field])).toEqual(want.findings);
    expect(w?.fixes.map((f) => f.field)).toEqual(want.fixes);
  });

  it('deployment-wide, group and storage findings, exactly', () => {
    expect(audit.findings.map((f) => [f.id, f.field])).toEqual(EXPECTED_DEPLOYMENT);
    expect(audit.groups.map((g) => [g.name, g.findings.map((f) => f.id)])).toEqual(EXPECTED_GROUPS);
    expect(audit.storageProviders.map((p) => [p.name, p.findings.map((f) => f.id)])).toEqual(EXPECTED_STORAGE);
  });

  it("judges ids with the sandbox's own numbers", () => {
    const right = `${kasmUser.uid}/${kasmUser.gid}`;
    const vol = audit.workspaces.find((w) => w.name === 'Sysbox volume 1000');
    expect(vol?.findings[0]?.message).toContain(`${right} (kasm-user's host ids here) works on every filesystem`);
    expect(JSON.parse(vol?.fixes[0]?.text ?? '{}')['/srv/kasm/shared']).toMatchObject({ uid: kasmUser.uid, gid: kasmUser.gid });
    expect(audit.storageProviders[0]?.findings[0]?.message).toContain(`kasm-user is host ${right} on ${host.name}`);
  });

  it('a wrong key is kasm_auth naming the permissions; the secret appears nowhere', async () => {
    const wrong = configFor({ KASM_URL: standin.url, KASM_API_KEY: 'wrong-key', KASM_API_KEY_SECRET: 'WRONG-secret-e2b81c', KASM_CA_FILE: standin.ca });
    const err: unknown = await fetchDeployment(wrong).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'kasm_auth', status: 502 });
    expect((err as Error).message).toMatch(/^Kasm refused the API key for get_\w+ \(HTTP 401: Unauthorized access\)\. Check that KASM_API_KEY/);
    expect((err as Error).message).toContain('Images View, Groups View, Groups View System, Storage Providers View');
    expect(JSON.stringify(err) + String(err)).not.toMatch(/WRONG-secret|ksd-standin-SECRET/);
  });

  it("Kasm's HTTP 200 error_message answer is kasm_error", async () => {
    await expect(kasmCall(config, 'get_settings_group', z.unknown())).rejects.toMatchObject({
      code: 'kasm_error',
      message: 'Kasm answered get_settings_group with an error: Invalid Request: missing target_group.group_id',
    });
  });

  it('without KASM_CA_FILE the self-signed certificate is refused, and the error says what to set', async () => {
    const noCa = configFor({ KASM_URL: standin.url, KASM_API_KEY: STANDIN_API_KEY, KASM_API_KEY_SECRET: STANDIN_API_SECRET });
    await expect(kasmCall(noCa, 'get_images', z.unknown())).rejects.toMatchObject({
      code: 'kasm_unreachable',
      message: expect.stringMatching(/TLS certificate is not trusted .*point KASM_CA_FILE at the PEM/),
    });
  });

  it('a Kasm that never answers is kasm_unreachable after KASM_TIMEOUT_MS', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const addr = silent.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      const slow = configFor({ KASM_URL: `https://127.0.0.1:${port}`, KASM_API_KEY: 'k', KASM_API_KEY_SECRET: 's', KASM_TIMEOUT_MS: '300' });
      await expect(kasmCall(slow, 'get_images', z.unknown())).rejects.toMatchObject({
        code: 'kasm_unreachable',
        message: `Kasm is unreachable at https://127.0.0.1:${port}: no answer in time (KASM_TIMEOUT_MS).`,
      });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
