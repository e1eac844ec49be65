// Event → page latency: a Containers page open in Chromium (Debian's chromium,
// as in the e2e run), a container started through the Engine API (what
// `docker start` sends), and the time until that page's row says "running",
// without reload. The containers are made for the measurement (labelled
// ksd.bench.event=1, network none) and removed again.
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { KASM_IMAGE } from '../../tools/sandbox/sandbox-lib.mjs';
import { agent, jsonRequest } from './http.mjs';
import { AUTH_HEADERS } from './server.mjs';
import { median, round } from './stats.mjs';

/** Returns { p50Ms, samplesMs, events } or { unavailable }. */
export async function eventToPage({ port, socket, events = 10, log = () => {} }) {
  const a = agent(2);
  const prefix = `ksd-benchev-${process.pid}`;
  const made = [];
  let browser;
  try {
    for (let i = 0; i < events; i++) {
      const name = `${prefix}-${String(i).padStart(2, '0')}`;
      const r = await jsonRequest(
        socket,
        'POST',
        `/containers/create?name=${name}`,
        { Image: KASM_IMAGE, Cmd: ['/bin/sleep', '2147483647'], Labels: { 'ksd.bench.event': '1' }, StopTimeout: 1, HostConfig: { NetworkMode: 'none' } },
        { agent: a },
      );
      if (r.status !== 201) throw new Error(`creating ${name} failed: ${r.status} ${r.text.slice(0, 200)}`);
      made.push({ id: r.json.Id, name });
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const ctx = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, extraHTTPHeaders: AUTH_HEADERS });
    const page = await ctx.newPage();
    await page.goto(`/containers?q=${prefix}`);
    const marker = page.getByTestId('live-marker');
    await marker.waitFor({ timeout: 30_000 });
    const liveDeadline = performance.now() + 30_000;
    while ((await marker.getAttribute('data-state')) !== 'live' && performance.now() < liveDeadline) await page.waitForTimeout(50);
    const live = (await marker.getAttribute('data-state')) === 'live';
    if (!live) log('event → page: the page never said "live"; measuring what polling gives');
    const samples = [];
    for (const c of made) {
      const sel = `table[aria-label="Containers"] tr[data-name="${c.name}"]`;
      await page.locator(sel).waitFor({ timeout: 30_000 });
      const t0 = performance.now();
      const r = await jsonRequest(socket, 'POST', `/containers/${c.id}/start`, undefined, { agent: a });
      if (r.status !== 204 && r.status !== 304) throw new Error(`starting ${c.name} failed: ${r.status}`);
      await page.waitForFunction((s) => document.querySelector(s)?.textContent?.includes('running') ?? false, sel, { polling: 'raf', timeout: 30_000 });
      samples.push(performance.now() - t0);
    }
    return { p50Ms: round(median(samples), 1), samplesMs: samples.map((s) => round(s, 0)), events: samples.length, live };
  } catch (err) {
    return { unavailable: `failed (${err instanceof Error ? err.message.split('\n')[0] : err})` };
  } finally {
    await browser?.close();
    for (const c of made) await jsonRequest(socket, 'DELETE', `/containers/${c.id}?force=1`, undefined, { agent: a }).catch(() => undefined);
    a.destroy();
  }
}
