import { expect, test } from '@playwright/test';

// The e2e server points at the sandbox dockerd with HOST_ROOT=/ of this machine,
// which has NO Sysbox installed; the sandbox's sysbox-runc is a STAND-IN (runc).

test('GET /api/v1/hosts/local/status answers the contract shape, honestly not-ready', async ({ request }) => {
  const res = await request.get('/api/v1/hosts/local/status');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-store');
  const body = await res.json();
  expect(Object.keys(body).sort()).toEqual(['checkedAt', 'checks', 'facts', 'host', 'verdict']);
  expect(body.host).toMatchObject({ id: 'local' });
  expect(typeof body.host.name).toBe('string');
  expect(Number.isNaN(Date.parse(body.checkedAt))).toBe(false);
  expect(body.verdict).toBe('not-ready');
  expect(Object.keys(body.facts).sort()).toEqual(['daemonJson', 'docker', 'kasmUser', 'kernel', 'subid', 'sysbox']);
  expect(Object.keys(body.facts.kasmUser).sort()).toEqual(['explanation', 'gid', 'rangeStart', 'source', 'uid']);
  expect(Object.keys(body.facts.docker).sort()).toEqual(
    ['apiVersion', 'defaultRuntime', 'kernelVersion', 'os', 'runtimes', 'securityOptions', 'version'].sort(),
  );
  expect(body.facts.docker.runtimes['sysbox-runc'].path).toMatch(/sysbox-runc-STANDIN-is-runc$/);
  expect(body.facts.sysbox.services['sysbox-fs'].running).toBe(false);
  expect(body.facts.daemonJson.path).toBe('/etc/docker/daemon.json');
  expect(Object.keys(body.facts.kernel).sort()).toEqual(
    ['idMappedMounts', 'mechanism', 'overlayfsOnIdMapped', 'shiftfs', 'tmpfsIdMapped', 'version'].sort(),
  );
  const status = Object.fromEntries(body.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
  expect(status['docker.reachable']).toBe('pass');
  expect(status['sysbox.installed']).toBe('fail');
  expect(status['sysbox.services']).toBe('fail');
  expect(status['sysbox.runtime']).toBe('warn');
  for (const c of body.checks) {
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'status', 'title', 'summary', 'evidence']));
    expect(['pass', 'warn', 'fail', 'unknown']).toContain(c.status);
  }
});

test('concurrent status requests share one probe (same checkedAt)', async ({ request }) => {
  const all = await Promise.all([1, 2, 3].map(() => request.get('/api/v1/hosts/local/status').then((r) => r.json())));
  expect(new Set(all.map((b) => b.checkedAt)).size).toBe(1);
});

test('status of an unknown host is a 404; a malformed id is a 400', async ({ request }) => {
  const nope = await request.get('/api/v1/hosts/nope/status');
  expect(nope.status()).toBe(404);
  expect((await nope.json()).error.code).toBe('not_found');
  const bad = await request.get('/api/v1/hosts/BAD..id/status');
  expect(bad.status()).toBe(400);
});
