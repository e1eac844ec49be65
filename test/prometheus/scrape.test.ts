import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM helper shared with npm start and the bench
import { buildIsFresh } from '../../scripts/build-state.mjs';
import { docker, KASM_IMAGE } from '../support/docker-fixtures';
import { configFromExample, PROMETHEUS, promtool, ROOT } from '../support/prometheus';
import { waitFor } from '../support/wait-for';

/**
 * A real Prometheus (Debian's package) scrapes a production server of the
 * dashboard (`next start` of the build) watching the sandbox dockerd, whose
 * "sysbox-runc" runtime is a STAND-IN (runc), plus a dead socket and a socket
 * that never answers. Both servers run on loopback ports with their own data
 * folders and are stopped by process group id.
 */
const sandbox = inject('sandbox');
const base = Number(process.env.KSD_E2E_PORT ?? 3100) + 20;
const DASH_PORT = base;
const PROM_PORT = base + 1;
const DASH = `http://127.0.0.1:${DASH_PORT}`;
const PROM = `http://127.0.0.1:${PROM_PORT}`;
const TOKEN = 'prometheus-test-token-0123456789abcdef';
const BEARER = { Authorization: `Bearer ${TOKEN}` };
const SCRAPE_TIMEOUT_S = 1;
const GPU_CONTAINER = 'ksd-prom-gpu-under-standin';
const SHOTS = process.env.KSD_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : path.join(ROOT, 'test-results/screenshots');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-prometheus-'));
const children: { name: string; child: ChildProcess; log: string }[] = [];
let stuck: net.Server | null = null;
const stuckSockets = new Set<net.Socket>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(name: string, cmd: string, args: string[], env: Record<string, string>): void {
  const log = path.join(tmp, `${name}.log`);
  const out = fs.openSync(log, 'a');
  const child = spawn(cmd, args, { cwd: ROOT, env: { NODE_ENV: 'production', ...env }, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  children.push({ name, child, log });
}

async function stopAll(): Promise<void> {
  for (const { child } of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([gone, sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  }
}

function removeGpuContainer(): void {
  if (docker(sandbox, ['ps', '-aq', '--filter', `name=^${GPU_CONTAINER}$`]) !== '') docker(sandbox, ['rm', '-f', GPU_CONTAINER]);
}

function tail(name: string): string {
  const c = children.find((x) => x.name === name);
  return c && fs.existsSync(c.log) ? fs.readFileSync(c.log, 'utf8').split('\n').slice(-30).join('\n') : '';
}
/** A wait that gives up shows the dashboard's last log lines. */
const DASH_LOG = { details: () => tail('dashboard') };

interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(q: string): Promise<PromSample[]> {
  const res = await fetch(`${PROM}/api/v1/query?${new URLSearchParams({ query: q })}`);
  const body = (await res.json()) as { status: string; data?: { resultType: string; result: PromSample[] }; error?: string };
  if (body.status !== 'success' || !body.data) throw new Error(`query ${q}: ${body.error ?? res.status}`);
  return body.data.result;
}

beforeAll(async () => {
  if (!buildIsFresh(ROOT)) {
    // Run alone (`--only prometheus`) on a stale build: build first, as `npm start` would.
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  // A Sysbox-runtime container asking for a GPU: finding sysbox.gpu (created, never started).
  removeGpuContainer();
  docker(sandbox, ['create', '--name', GPU_CONTAINER, '--network', 'none', '--runtime', 'sysbox-runc', '--gpus', 'all', KASM_IMAGE]);

  // A Docker socket that accepts connections and never answers.
  const stuckSock = path.join(tmp, 'stuck.sock');
  stuck = net.createServer((socket) => {
    stuckSockets.add(socket);
    socket.on('close', () => stuckSockets.delete(socket));
  });
  await new Promise<void>((r) => stuck?.listen(stuckSock, r));

  const hostsFile = path.join(tmp, 'hosts.json');
  fs.writeFileSync(
    hostsFile,
    JSON.stringify({
      hosts: [
        { id: 'local', name: 'sandbox (stand-in sysbox-runc)', docker: { host: sandbox.dockerHost }, files: { root: '/' } },
        { id: 'dead', name: 'dead agent', docker: { host: `unix://${path.join(tmp, 'no-docker-here.sock')}`, timeoutMs: 500 } },
        { id: 'stuck', name: 'stuck agent', docker: { host: `unix://${stuckSock}`, timeoutMs: 400 } },
      ],
    }),
  );
  start('dashboard', process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--no-build'], {
    PATH: process.env.PATH ?? '',
    HOME: tmp,
    PORT: String(DASH_PORT),
    HOSTNAME: '127.0.0.1',
    DASHBOARD_HOSTS_FILE: hostsFile,
    DASHBOARD_PASSWORD: 'prometheus-test-password',
    DASHBOARD_API_TOKEN: TOKEN,
    DASHBOARD_DATA_DIR: path.join(tmp, 'data'),
    NEXT_TELEMETRY_DISABLED: '1',
  });
  await waitFor('dashboard /api/health', async () => ((await fetch(`${DASH}/api/health`)).ok ? true : null), 90_000, DASH_LOG);

  const tokenFile = path.join(tmp, 'ksd-token');
  fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  const config = path.join(tmp, 'prometheus.yml');
  fs.writeFileSync(config, configFromExample({ target: `127.0.0.1:${DASH_PORT}`, dashboardUrl: DASH, tokenFile, interval: '1s', timeout: `${SCRAPE_TIMEOUT_S}s` }));
  start('prometheus', PROMETHEUS, [`--config.file=${config}`, `--storage.tsdb.path=${path.join(tmp, 'tsdb')}`, `--web.listen-address=127.0.0.1:${PROM_PORT}`], { PATH: process.env.PATH ?? '' });
  await waitFor('prometheus /-/ready', async () => ((await fetch(`${PROM}/-/ready`)).ok ? true : null), 60_000, { details: () => tail('prometheus') });
});

afterAll(async () => {
  await stopAll();
  // close() waits for open connections: end the dashboard's pending ones first.
  for (const socket of stuckSockets) socket.destroy();
  await new Promise<void>((r) => (stuck ? stuck.close(() => r()) : r()));
  removeGpuContainer();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('GET /metrics on a production server', () => {
  it('without credentials 401 (JSON, like every API route); a wrong token 401; the token 200 text/plain; version=0.0.4', async () => {
    const none = await fetch(`${DASH}/metrics`, { redirect: 'manual' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await fetch(`${DASH}/metrics`, { headers: { Authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status).toBe(401);
    const ok = await fetch(`${DASH}/metrics`, { headers: BEARER });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('passes promtool check metrics and exports every host of the hosts file', async () => {
    const text = await (await fetch(`${DASH}/metrics`, { headers: BEARER })).text();
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'test-results/metrics-sample.txt'), text);
    const r = promtool(['check', 'metrics'], text);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
    for (const host of ['local', 'dead', 'stuck']) expect(text).toContain(`ksd_host_up{host="${host}"}`);
    expect(text).toContain('ksd_host_up{host="dead"} 0');
    expect(text).toContain('ksd_host_up{host="stuck"} 0');
    expect(text).toMatch(/^ksd_build_info\{version="\d+\.\d+\.\d+"\} 1$/m);
    expect(text).toMatch(/^ksd_docker_requests_total\{host="local",endpoint="\/info"\} \d+$/m);
    expect(text).toMatch(/^ksd_probe_duration_seconds_count\{host="local"\} \d+$/m);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    // Bounded labels: no container name (nor id) is a label value.
    expect(text).not.toContain(GPU_CONTAINER);
  });
});

describe('a real Prometheus scraping it with the bearer token from a file', () => {
  it('sees ksd_host_verdict and ksd_check_status{check="sysbox.runtime"} as the status API reports them', async () => {
    const status = (await (await fetch(`${DASH}/api/v1/hosts/local/status`, { headers: BEARER })).json()) as { verdict: string; checks: { id: string; status: string }[] };
    const runtimeCheck = status.checks.find((c) => c.id === 'sysbox.runtime');
    expect(runtimeCheck).toBeDefined();
    // The stand-in runtime is not Sysbox, so the host is not "ready".
    expect(status.verdict).not.toBe('ready');

    const verdicts = await waitFor('ksd_host_verdict{host="local"} in Prometheus', async () => {
      const r = await query('ksd_host_verdict{host="local"}');
      return r.length === 3 ? r : null;
    }, 60_000, DASH_LOG);
    expect(Object.fromEntries(verdicts.map((s) => [s.metric.verdict, s.value[1]]))).toEqual({
      ready: status.verdict === 'ready' ? '1' : '0',
      degraded: status.verdict === 'degraded' ? '1' : '0',
      'not-ready': status.verdict === 'not-ready' ? '1' : '0',
    });
    for (const s of verdicts) {
      expect(s.metric.job).toBe('kasm-sysbox-dashboard');
      expect(s.metric.dashboard_url).toBe(DASH);
    }

    const checks = await waitFor('ksd_check_status{check="sysbox.runtime"}', async () => {
      const r = await query('ksd_check_status{host="local",check="sysbox.runtime"}');
      return r.length === 4 ? r : null;
    }, 30_000);
    expect(Object.fromEntries(checks.map((s) => [s.metric.status, s.value[1]]))).toEqual({
      pass: runtimeCheck?.status === 'pass' ? '1' : '0',
      warn: runtimeCheck?.status === 'warn' ? '1' : '0',
      fail: runtimeCheck?.status === 'fail' ? '1' : '0',
      unknown: runtimeCheck?.status === 'unknown' ? '1' : '0',
    });
  });

  it('a dead and a stuck socket are ksd_host_up 0 while the sandbox is 1, and the scrape stays under its timeout', async () => {
    const up = await waitFor('ksd_host_up for all three hosts', async () => {
      const r = await query('ksd_host_up');
      return r.length === 3 ? r : null;
    }, 60_000, DASH_LOG);
    expect(Object.fromEntries(up.map((s) => [s.metric.host, s.value[1]]))).toEqual({ local: '1', dead: '0', stuck: '0' });

    // Prometheus's own record of its last scrape: it succeeded (up 1), dead and stuck hosts
    // included, within scrape_timeout. (On a loaded machine a cold probe of the sandbox can
    // miss a 1 s timeout once; the cached scrapes that follow must not.)
    const last = await waitFor('a successful scrape', async () => {
      const [u] = await query('up{job="kasm-sysbox-dashboard"}');
      const [d] = await query('scrape_duration_seconds{job="kasm-sysbox-dashboard"}');
      return u?.value[1] === '1' && d ? Number(d.value[1]) : null;
    }, 30_000);
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(SCRAPE_TIMEOUT_S);
    const samples = await query('scrape_samples_scraped{job="kasm-sysbox-dashboard"}');
    expect(Number(samples[0]?.value[1])).toBeGreaterThan(50);
  });

  it('container figures: the GPU container under the stand-in sysbox-runc is counted as sysbox.gpu', async () => {
    const gpu = await waitFor('ksd_container_findings{finding="sysbox.gpu"}', async () => {
      const r = await query('ksd_container_findings{host="local",finding="sysbox.gpu"}');
      return r.length === 1 ? r : null;
    }, 30_000);
    expect(Number(gpu[0]?.value[1])).toBeGreaterThanOrEqual(1);
    const created = await waitFor('ksd_containers', async () => {
      const r = await query('ksd_containers{host="local",runtime="sysbox-runc",state="created"}');
      return r.length === 1 ? r : null;
    }, 30_000);
    expect(Number(created[0]?.value[1])).toBeGreaterThanOrEqual(1);
    const events = await waitFor('ksd_events_stream_up', async () => {
      const r = await query('ksd_events_stream_up{host="local"}');
      return r.length === 1 ? r : null;
    }, 30_000);
    expect(events[0]?.value[1]).toBe('1');
  });

  it('loads the alert rules and evaluates them without errors; the dead host makes KsdDockerUnreachable pending', async () => {
    const res = (await (await fetch(`${PROM}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    const rules = res.data.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.name).sort()).toEqual([
      'KsdAgentNotSysboxReady',
      'KsdDashboardScrapeFailing',
      'KsdDockerUnreachable',
      'KsdNvidiaGpuUnderSysbox',
      'KsdSysboxContainerErrors',
      'KsdSysboxServicesNotRunning',
      'KsdVolumeSharedAcrossRuntimes',
    ]);
    const alerts = await waitFor('KsdDockerUnreachable pending for dead', async () => {
      const a = (await (await fetch(`${PROM}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string>; state: string; annotations: Record<string, string> }[] } };
      const hit = a.data.alerts.filter((x) => x.labels.alertname === 'KsdDockerUnreachable' && x.labels.host === 'dead');
      return hit.length === 1 ? hit : null;
    }, 30_000);
    expect(alerts[0]?.state).toBe('pending');
    expect(alerts[0]?.annotations.dashboard).toBe(`${DASH}/?host=dead`);
    for (const r of rules) expect(r.health, `${r.name}: ${r.lastError ?? ''}`).not.toBe('err');
  });

  it('screenshots: /metrics in the browser and Prometheus showing the alerts', async () => {
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      fs.mkdirSync(SHOTS, { recursive: true });
      const dash = await browser.newPage({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: BEARER });
      await dash.goto(`${DASH}/metrics`);
      await dash.screenshot({ path: path.join(SHOTS, 'metrics.png') });
      await dash.close();
      const prom = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // Table view of ksd_host_up (sandbox 1, dead and stuck 0), then the alerts page.
      await prom.goto(`${PROM}/graph?g0.expr=${encodeURIComponent('ksd_host_up or ksd_host_verdict == 1')}&g0.tab=1`);
      await prom.waitForLoadState('networkidle');
      await prom.screenshot({ path: path.join(SHOTS, 'prometheus-host-up.png') });
      // Debian's build answers 404 on a direct /alerts: go through the UI's own navigation.
      await prom.getByRole('link', { name: 'Alerts', exact: true }).click();
      await prom.getByText('KsdDockerUnreachable').first().waitFor();
      await prom.screenshot({ path: path.join(SHOTS, 'prometheus-alerts.png'), fullPage: true });
      await prom.close();
    } finally {
      await browser.close();
    }
    for (const f of ['metrics.png', 'prometheus-host-up.png', 'prometheus-alerts.png']) expect(fs.existsSync(path.join(SHOTS, f)), f).toBe(true);
  });
});
