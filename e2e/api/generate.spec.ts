import { expect, test } from '@playwright/test';

test('POST /api/v1/generate/run-config with {} is the guide\'s run config', async ({ request }) => {
  const res = await request.post('/api/v1/generate/run-config', { data: {} });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.json).toEqual({ runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0 });
  expect(JSON.parse(body.text)).toEqual(body.json);
  expect(Array.isArray(body.warnings)).toBe(true);
});

test('every generator answers { json, text, warnings }', async ({ request }) => {
  const cases: [string, Record<string, unknown>][] = [
    ['exec-config', { forceInstall: true }],
    ['volume-mapping', { uid: 297608, gid: 297608, subuidStart: 296608, subgidStart: 296608, idShift: 'no' }],
    ['storage-mapping', { provider: 's3', uid: '297608', gid: '297608' }],
    ['daemon-json', { current: '{"log-level":"warn"}' }],
  ];
  for (const [kind, data] of cases) {
    const res = await request.post(`/api/v1/generate/${kind}`, { data });
    expect(res.status(), kind).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['json', 'text', 'warnings']);
    expect(JSON.parse(body.text)).toEqual(body.json);
  }
  const s3 = await (await request.post('/api/v1/generate/storage-mapping', { data: { uid: '297608', gid: '297608' } })).json();
  expect(s3.json.driver_opts).toEqual({ type: 's3', 's3-provider': 'AWS', 's3-env-auth': 'false', 's3-region': 'us-east-1', uid: '297608', gid: '297608', allow_other: 'true' });
});

test('bad input is a 422 with zod issues, never a 500', async ({ request }) => {
  const res = await request.post('/api/v1/generate/volume-mapping', { data: { uid: '1000', hostPath: 'relative' } });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.error.code).toBe('validation_failed');
  expect(body.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['hostPath', 'uid']);
  const notJson = await request.post('/api/v1/generate/run-config', { data: Buffer.from('{oops'), headers: { 'content-type': 'application/json' } });
  expect(notJson.status()).toBe(400);
});

test('bodies over 256 KiB are a 413', async ({ request }) => {
  const big = 'x'.repeat(257 * 1024);
  const res = await request.post('/api/v1/lint/run-config', { data: big, headers: { 'content-type': 'text/plain' } });
  expect(res.status()).toBe(413);
  const gen = await request.post('/api/v1/generate/daemon-json', { data: { current: big } });
  expect(gen.status()).toBe(413);
});

test('lint answers findings with line and column', async ({ request }) => {
  const res = await request.post('/api/v1/lint/run-config', { data: '{\n  "runtime": "sysbox-runc",\n  "privileged": true,\n}', headers: { 'content-type': 'text/plain' } });
  expect(res.status()).toBe(200);
  const { findings } = await res.json();
  expect(findings).toEqual([{ id: 'json.syntax', severity: 'error', message: expect.stringContaining('line 4, column 1'), line: 4, column: 1 }]);

  const vm = await request.post('/api/v1/lint/volume-mappings?subuidStart=296608&subgidStart=296608&idShift=no', {
    data: '{"/a": {"bind": "/b", "mode": "rw", "uid": "1000", "gid": 1000}}',
    headers: { 'content-type': 'text/plain' },
  });
  const ids = (await vm.json()).findings.map((f: { id: string }) => f.id);
  expect(ids).toEqual(expect.arrayContaining(['type.uid-string']));

  const ec = await request.post('/api/v1/lint/exec-config', { data: '{"environment": {}}', headers: { 'content-type': 'text/plain' } });
  expect((await ec.json()).findings[0]).toMatchObject({ id: 'misplaced.environment', severity: 'error', line: 1, column: 2 });
});

test('volume/storage mapping ids come from ?host= facts.kasmUser; with neither ?host= nor ids: 422 naming them', async ({ request }) => {
  const st = (await (await request.get('/api/v1/hosts/local/status')).json()) as { facts: { kasmUser: { uid: number; gid: number } } };
  const { uid, gid } = st.facts.kasmUser;
  const vm = await request.post('/api/v1/generate/volume-mapping?host=local', { data: {} });
  expect(vm.status()).toBe(200);
  expect(Object.values((await vm.json()).json)[0]).toMatchObject({ uid, gid });
  const sm = await request.post('/api/v1/generate/storage-mapping?host=local', { data: {} });
  expect((await sm.json()).json.driver_opts).toMatchObject({ uid: String(uid), gid: String(gid) });
  for (const kind of ['volume-mapping', 'storage-mapping']) {
    const res = await request.post(`/api/v1/generate/${kind}`, { data: {} });
    expect(res.status(), kind).toBe(422);
    const body = await res.json();
    expect(body.error.message).toMatch(/^uid and gid missing/);
    expect(body.error.issues.map((i: { path: string[] }) => i.path[0])).toEqual(['uid', 'gid']);
  }
  expect((await request.post('/api/v1/generate/volume-mapping?host=nope', { data: {} })).status()).toBe(404);
  const lint = async (u: number, g: number) =>
    ((await (await request.post('/api/v1/lint/volume-mappings?host=local', { data: JSON.stringify({ '/a': { bind: '/b', mode: 'rw', uid: u, gid: g } }), headers: { 'content-type': 'text/plain' } })).json()).findings as { id: string; message: string }[])
      // With ?host= the lint also describes the host folder (host-path.*, e2e/ui/host-path.spec.ts); the ids are judged here.
      .filter((f) => !f.id.startsWith('host-path.'));
  expect(await lint(uid, gid)).toEqual([]);
  expect((await lint(1000, 1000)).map((f) => f.id)).toEqual(['sysbox.uid-1000']);
  expect((await lint(5, 5))[0]?.message).toContain(`Use ${uid}/${gid}.`);
});
