import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { E2E_API_TOKEN } from '../support/credentials';
import { enumerateRoutes } from './routes';

/**
 * Container environment values never leave the server: a container on the e2e
 * sandbox carries a random secret in its environment; no API route (every GET,
 * enumerated from the file tree, its dynamic segments filled with this
 * container's name and id) and no page may contain it.
 */
const sandboxJson = process.env.KSD_E2E_SANDBOX;
const KASM_IMAGE = 'kasmweb/core-ubuntu-jammy:sandbox';

test('no page or API response contains a container environment value', async ({ playwright, baseURL }) => {
  test.skip(!sandboxJson, 'run through `npm test` (needs the e2e sandbox)');
  test.setTimeout(180_000);
  const sb = JSON.parse(sandboxJson ?? '{}') as { dockerHost: string };
  const secret = `ksd-secret-${crypto.randomBytes(12).toString('hex')}`;
  const name = `ksd-envleak-${process.pid}`;
  const dockerCli = (args: string[]) => execFileSync('docker', ['-H', sb.dockerHost, ...args], { encoding: 'utf8' }).trim();
  const id = dockerCli(['run', '-d', '--name', name, '--network', 'none', '--label', 'kasm.test=envleak', '-e', `KSD_TOKEN=${secret}`, '-e', `VNC_PW=${secret}`, KASM_IMAGE]);
  try {
    const req = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${E2E_API_TOKEN}` } });
    const urls = new Set<string>();
    for (const r of enumerateRoutes()) {
      if (r.kind === 'api' && !r.methods.includes('GET')) continue;
      const fills = r.segments.some((s) => s.dynamic && s.dynamic !== 'host') ? [name, id, id.slice(0, 12)] : [''];
      for (const fill of fills) {
        const url = `/${r.segments.map((s) => (s.dynamic === 'host' ? 'local' : s.dynamic ? fill : s.value)).join('/')}`;
        urls.add(url);
        urls.add(`${url}?host=local`);
      }
    }
    const leaks: string[] = [];
    for (const url of urls) {
      const res = await req.get(url, { failOnStatusCode: false });
      expect(res.status(), url).toBeLessThan(500);
      if ((await res.text()).includes(secret)) leaks.push(url);
    }
    expect(urls.size).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
    await req.dispose();
  } finally {
    dockerCli(['rm', '-f', name]);
  }
});
