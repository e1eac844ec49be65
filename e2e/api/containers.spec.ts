import { expect, test } from '@playwright/test';
import { E2E_FIXTURES as F } from '../global-setup';

/** The e2e sandbox's "sysbox-runc" is a STAND-IN (runc); these check the API's reading of Docker, not Sysbox. */
const sandbox = JSON.parse(process.env.KSD_E2E_SANDBOX ?? '{}') as { subuidStart?: number | null };
// The harness's range (231072 on a fresh machine): never fall back to the guide's example.
if (typeof sandbox.subuidStart !== 'number') throw new Error('KSD_E2E_SANDBOX has no subuidStart');
const subuidStart = sandbox.subuidStart;

interface Item {
  id: string;
  name: string;
  runtime: string;
  sysbox: boolean;
  state: string;
  kasm: { kind: string | null; user?: string };
  hostUids: { root: number | null; kasmUser: number | null } | null;
  findings: { id: string }[];
}

test('list: paging shape, runtime filter on the server, no environment variables', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/local/containers?runtime=sysbox-runc&pageSize=500');
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).not.toMatch(/"Env"|PATH=/);
  const body = JSON.parse(text) as { total: number; page: number; pageSize: number; items: Item[] };
  expect(body).toMatchObject({ page: 1, pageSize: 500 });
  expect(body.total).toBe(body.items.length);
  expect(body.items.every((c) => c.runtime === 'sysbox-runc' && c.sysbox)).toBe(true);
  expect(body.items.map((c) => c.name)).toEqual(expect.arrayContaining([F.session, F.sharedSysbox, F.gpu]));
  expect(body.items.map((c) => c.name)).not.toContain(F.runc);
});

test('list: kasm=session finds the session and its user; paging splits the list', async ({ request }) => {
  const sessions = (await (await request.get('/api/v1/hosts/local/containers?kasm=session')).json()) as { items: Item[] };
  const alice = sessions.items.find((c) => c.name === F.session);
  expect(alice?.kasm).toMatchObject({ kind: 'session', user: 'alice' });
  const p1 = (await (await request.get('/api/v1/hosts/local/containers?pageSize=2&page=1')).json()) as { total: number; items: Item[] };
  const p2 = (await (await request.get('/api/v1/hosts/local/containers?pageSize=2&page=2')).json()) as { items: Item[] };
  expect(p1.total).toBeGreaterThanOrEqual(6);
  expect(p1.items).toHaveLength(2);
  expect(p2.items.map((c) => c.id)).not.toEqual(expect.arrayContaining(p1.items.map((c) => c.id)));
});

test('the generators contract: a running sysbox-runc container gives kasm-user\'s host uid', async ({ request }) => {
  const body = (await (await request.get('/api/v1/hosts/local/containers?runtime=sysbox-runc&state=running&pageSize=1')).json()) as { items: Item[] };
  expect(body.items[0]?.hostUids).toEqual({ root: subuidStart, kasmUser: subuidStart + 1000 });
});

test('bad query values are 400 with issues, never 500', async ({ request }) => {
  for (const qs of ['pageSize=501', 'page=0', 'kasm=maybe', 'state=flying', 'runtime=..%2Fx']) {
    const res = await request.get(`/api/v1/hosts/local/containers?${qs}`);
    expect(res.status(), qs).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  }
});

test('detail: by name and by id; findings where they belong', async ({ request }) => {
  const gpu = (await (await request.get(`/api/v1/hosts/local/containers/${F.gpu}`)).json()) as Item;
  expect(gpu.findings.map((f) => f.id)).toEqual(['sysbox.gpu']);
  const byId = await request.get(`/api/v1/hosts/local/containers/${gpu.id}`);
  expect(((await byId.json()) as Item).name).toBe(F.gpu);
  for (const name of [F.sharedSysbox, F.sharedRunc]) {
    const c = (await (await request.get(`/api/v1/hosts/local/containers/${name}`)).json()) as Item;
    expect(c.findings.map((f) => f.id)).toEqual(['mount.shared-across-runtimes']);
  }
  for (const name of [F.session, F.runc, F.stopped]) {
    const c = (await (await request.get(`/api/v1/hosts/local/containers/${name}`)).json()) as Item;
    expect(c.findings, name).toEqual([]);
  }
});

test('detail: unknown is 404, malformed is 400, unknown host is 404', async ({ request }) => {
  expect((await request.get('/api/v1/hosts/local/containers/no-such-container-ksd')).status()).toBe(404);
  expect((await request.get('/api/v1/hosts/local/containers/-bad')).status()).toBe(400);
  expect((await request.get('/api/v1/hosts/nope/containers')).status()).toBe(404);
});
