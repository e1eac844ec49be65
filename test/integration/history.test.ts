import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STANDIN_FAIL_ENV } from '../../tools/sandbox/sandbox-lib.mjs';
import type { FailureRecord, HistoryRecord, VerdictRecord } from '@/lib/sysbox/history';
import { closeHistoryStore, historyStore } from '@/lib/server/history';
import { recordDockerEvent, recorderIdle, recorderStats, resetRecorder } from '@/lib/server/history/recorder';
import { processMetrics } from '@/lib/server/metrics/registry';
import { KASM_IMAGE, PLAIN_IMAGE, docker, sandboxHost } from '../support/docker-fixtures';

/**
 * History against the real sandbox dockerd. Its "sysbox-runc" is a STAND-IN
 * (runc under that name) which, told so by KSD_STANDIN_FAIL_CREATE in the
 * container's environment, FAILS `create` ON PURPOSE with Sysbox's own error
 * text. "The server" here is test/support/history-server.ts: a separate
 * process running the real keeper, recorder, store and status path, so it can
 * be restarted and killed with SIGKILL.
 */
const sandbox = inject('sandbox');
const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-history-it-'));
const FIXTURE = path.resolve(__dirname, '../fixtures/host-sysbox-ready');
const hostRoot = path.join(tmp, 'host');
const tag = `hist${process.pid}`;
const created: string[] = [];
const children = new Set<ChildProcess>();
let nextPort = 3960 + (process.pid % 20);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined>, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await fn();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(100);
  }
}

interface Server {
  child: ChildProcess;
  port: number;
  mode: string;
  log: () => string;
  get: <T>(p: string) => Promise<T>;
}

/** Starts the history server process on `dir`; resolves when it answers. */
async function startServer(dir: string): Promise<Server> {
  const port = nextPort++;
  let out = '';
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/support/history-server.ts', String(port)], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmp,
      NODE_ENV: 'production',
      DOCKER_HOST: sandbox.dockerHost,
      HOST_ROOT: hostRoot,
      HOST_PROC: path.join(hostRoot, 'proc'),
      DASHBOARD_DATA_DIR: path.join(tmp, 'data'),
      DASHBOARD_HISTORY_DIR: dir,
      DASHBOARD_HISTORY_CHECK_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const mode = await until(
    'the history server to start',
    async () => {
      if (child.exitCode !== null) throw new Error(`history server exited (${child.exitCode}):\n${out}`);
      return /READY (\w+)/.exec(out)?.[1];
    },
    90_000,
  );
  const get = async <T,>(p: string): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${port}${p}`);
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`GET ${p} → ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  return { child, port, mode, log: () => out, get };
}

async function stopServer(s: Server, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill(signal);
  await exited;
}

function failures(list: HistoryRecord[]): FailureRecord[] {
  return list.filter((r): r is FailureRecord => r.kind === 'failure');
}

beforeAll(() => {
  fs.cpSync(FIXTURE, hostRoot, { recursive: true });
});

afterAll(async () => {
  for (const c of [...children]) {
    if (c.exitCode === null) {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    }
  }
  if (created.length) spawnSync('docker', ['-H', sandbox.dockerHost, 'rm', '-f', ...created], { encoding: 'utf8' });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('history on the sandbox dockerd (its sysbox-runc is a stand-in for runc that fails on purpose when told)', () => {
  it('records a session whose stand-in sysbox-runc fails create like Sysbox with sysbox-mgr down, removed 200 ms later, with State.Error explained', async () => {
    const server = await startServer(path.join(tmp, 'h-failure'));
    try {
      expect(server.mode).toBe('writer');
      const name = `${tag}_a1b2c3d4`;
      created.push(name);
      const run = spawnSync(
        'docker',
        ['-H', sandbox.dockerHost, 'run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=5e55101d', '-e', `${STANDIN_FAIL_ENV}=sysbox-mgr-down`, '-e', 'VNC_PW=hunter2-secret', KASM_IMAGE],
        { encoding: 'utf8' },
      );
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('failed to register with sysbox-mgr');
      await sleep(200); // Kasm removes a failed session within seconds; the test does it after 200 ms
      docker(sandbox, ['rm', '-f', name]);

      const rec = await until('the failure record with its removal', async () =>
        failures(await server.get<HistoryRecord[]>('/history?kind=failure')).find((r) => r.container.name === name && r.removedAt !== null),
      );
      expect(rec).toMatchObject({
        host: 'local',
        image: KASM_IMAGE,
        kasm: { sessionId: '5e55101d', user: tag },
        runtime: 'sysbox-runc',
        oomKilled: false,
        inspected: true,
        reason: 'sysbox-mgr-down',
        startedAt: null,
        livedMs: null,
        explanation: { fix: 'sudo systemctl restart sysbox' },
        finding: { id: 'sysbox.error', severity: 'error', fix: expect.any(String) },
      });
      expect(rec.error).toContain('failed to register with sysbox-mgr');
      expect(rec.error).toContain('/run/sysbox/sysmgr.sock: connect: connection refused');
      expect(rec.finding?.message).toContain('sysbox-mgr');
      expect(Date.parse(rec.removedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(rec.at));
      // Never environment values (nor the variable names that hold them), in the record or in the file.
      expect(JSON.stringify(rec)).not.toContain('hunter2');
      expect(JSON.stringify(rec)).not.toContain('VNC_PW');
      const stats = await server.get<{ inspects: number; recorded: number }>('/stats');
      expect(stats.recorded).toBe(1);
      expect(stats.inspects).toBe(1);
      await stopServer(server);
      for (const f of fs.readdirSync(path.join(tmp, 'h-failure'))) {
        expect(fs.readFileSync(path.join(tmp, 'h-failure', f)).includes('hunter2')).toBe(false);
      }
    } finally {
      await stopServer(server);
    }
  });

  it('records a stand-in sysbox-runc container killed by the OOM killer (tiny --memory, busybox allocation) as OOM', async () => {
    const server = await startServer(path.join(tmp, 'h-oom'));
    try {
      const name = `${tag}-oom`;
      created.push(name);
      // Doubles a shell string until the 8 MiB limit is hit.
      docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', '--memory', '8m', '--memory-swap', '8m', PLAIN_IMAGE, 'sh', '-c', 'x=a; while true; do x=$x$x; done']);
      const rec = await until('the OOM record', async () => failures(await server.get<HistoryRecord[]>('/history?kind=failure')).find((r) => r.container.name === name));
      expect(rec).toMatchObject({ reason: 'oom', oomKilled: true, exitCode: 137, runtime: 'sysbox-runc', inspected: true, error: null, finding: null });
      expect(rec.explanation.meaning).toContain('OOM');
      expect(rec.livedMs).not.toBeNull();
    } finally {
      await stopServer(server);
    }
  });

  it('a session stopped on purpose (docker stop: kill then die) is not a failure', async () => {
    const server = await startServer(path.join(tmp, 'h-stop'));
    try {
      const name = `${tag}_0badc0de`;
      created.push(name);
      docker(sandbox, ['run', '-d', '--name', name, '--network', 'none', '--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=0badc0de', KASM_IMAGE]);
      docker(sandbox, ['stop', '-t', '1', name]);
      // A later failure is recorded, so the stop has been seen by then.
      const marker = `${tag}-marker`;
      created.push(marker);
      docker(sandbox, ['run', '-d', '--name', marker, '--network', 'none', '--runtime', 'sysbox-runc', PLAIN_IMAGE, 'sh', '-c', 'exit 3']);
      const list = await until('the marker failure', async () => {
        const l = failures(await server.get<HistoryRecord[]>('/history?kind=failure'));
        return l.some((r) => r.container.name === marker) ? l : null;
      });
      expect(list.find((r) => r.container.name === marker)).toMatchObject({ reason: 'exit', exitCode: 3 });
      expect(list.some((r) => r.container.name === name)).toBe(false);
    } finally {
      await stopServer(server);
    }
  });

  it('the verdict timeline records the break and the repair of daemon.json, and both survive a restart; a second server on the dir opens read-only', async () => {
    const dir = path.join(tmp, 'h-verdict');
    const daemonJson = path.join(hostRoot, 'etc/docker/daemon.json');
    const good = fs.readFileSync(daemonJson, 'utf8');
    let server = await startServer(dir);
    try {
      const first = (await server.get<{ verdict: string }>('/status')).verdict;
      fs.writeFileSync(daemonJson, '{ "runtimes": { "sysbox-runc": ');
      const broken = (await server.get<{ verdict: string }>('/status')).verdict;
      expect(broken).toBe('not-ready');
      fs.writeFileSync(daemonJson, good);
      expect((await server.get<{ verdict: string }>('/status')).verdict).toBe(first);
      // An unchanged status writes nothing.
      await server.get('/status');

      const second = await startServer(dir);
      expect(second.mode).toBe('reader');
      expect((await second.get<{ readOnlyReason: string }>('/stats')).readOnlyReason).toContain('another dashboard process is recording history');
      await stopServer(second);

      await stopServer(server);
      server = await startServer(dir);
      const verdicts = (await server.get<HistoryRecord[]>('/history?kind=verdict')).filter((r): r is VerdictRecord => r.kind === 'verdict');
      expect(verdicts.map((v) => [v.from, v.verdict])).toEqual([
        ['not-ready', first],
        [first, 'not-ready'],
        [null, first],
      ]);
      const [repair, breakage] = verdicts;
      expect(breakage?.changes).toEqual([{ id: 'daemon-json', title: expect.any(String), from: 'pass', to: 'fail' }]);
      expect(repair?.changes).toEqual([{ id: 'daemon-json', title: expect.any(String), from: 'fail', to: 'pass' }]);
      // After the restart the last status is remembered: the same status again records nothing.
      await server.get('/status');
      expect((await server.get<HistoryRecord[]>('/history?kind=verdict')).length).toBe(3);
    } finally {
      fs.writeFileSync(daemonJson, good);
      await stopServer(server);
    }
  });

  it('a Kasm session gone before its inspect is still recorded from the event, marked removed before inspect', async () => {
    // In this process: the store in a folder of its own (env read once, lazily, by lib/server/env.ts).
    process.env.DASHBOARD_HISTORY_DIR = path.join(tmp, 'h-gone');
    closeHistoryStore();
    resetRecorder();
    const host = sandboxHost(sandbox);
    const id = 'f'.repeat(64); // no such container on the daemon: its inspect answers 404
    const t = Math.floor(Date.now() / 1000);
    const attrs = { name: 'bob_deadbeef', image: KASM_IMAGE, 'kasm.kasmid': 'deadbeef00', 'com.kasmweb.image': 'true' };
    await recordDockerEvent(host, { Type: 'container', Action: 'create', Actor: { ID: id, Attributes: attrs }, time: t });
    await recordDockerEvent(host, { Type: 'container', Action: 'start', Actor: { ID: id, Attributes: attrs }, time: t });
    await recordDockerEvent(host, { Type: 'container', Action: 'die', Actor: { ID: id, Attributes: { ...attrs, exitCode: '1' } }, time: t + 2 });
    await recorderIdle(host.id);
    const store = historyStore();
    expect(store?.mode).toBe('writer');
    const [rec] = failures(store?.query({ kind: 'failure', limit: 10 }) ?? []);
    expect(rec).toMatchObject({
      container: { id, name: 'bob_deadbeef' },
      image: KASM_IMAGE,
      kasm: { sessionId: 'deadbeef00', user: 'bob' },
      runtime: null,
      exitCode: 1,
      inspected: false,
      error: null,
      livedMs: 2000,
      reason: 'exit',
    });
    expect(recorderStats(host.id).inspects).toBe(1);
    // GET /metrics counts what the history recorded (ksd_session_failures_total{host,reason}).
    expect(await processMetrics().registry.getSingleMetricAsString('ksd_session_failures_total')).toContain(`ksd_session_failures_total{host="${host.id}",reason="exit"} 1`);
    closeHistoryStore();
  });

  it('kill -9 of the server in the middle of a burst of 200 failures: the store opens on restart with everything acknowledged', async () => {
    const dir = path.join(tmp, 'h-crash');
    const server = await startServer(dir);
    const names = Array.from({ length: 200 }, (_, i) => `${tag}-burst-${i}`);
    created.push(...names);
    let killedAt = -1;
    let acknowledged: number[] = [];
    let stop = false;
    // The burst: 200 stand-in sysbox-runc containers exiting with code 3, 10 at a time.
    const burst = (async () => {
      for (let i = 0; i < names.length && !stop; i += 10) {
        await Promise.all(
          names.slice(i, i + 10).map(
            (n) =>
              new Promise<void>((resolve) => {
                const p = spawn('docker', ['-H', sandbox.dockerHost, 'run', '-d', '--name', n, '--network', 'none', '--runtime', 'sysbox-runc', PLAIN_IMAGE, 'sh', '-c', 'exit 3'], { stdio: 'ignore' });
                p.on('exit', () => resolve());
              }),
          ),
        );
      }
    })();
    // Acknowledged = what the server has answered as stored; kill it once 50 are, with the burst still going.
    await until(
      '50 acknowledged failures',
      async () => {
        acknowledged = failures(await server.get<HistoryRecord[]>('/history?kind=failure&limit=1000')).map((r) => r.id);
        return acknowledged.length >= 50 ? acknowledged : null;
      },
      240_000,
    );
    killedAt = acknowledged.length;
    await stopServer(server, 'SIGKILL');
    stop = true;
    await burst;
    expect(killedAt).toBeGreaterThanOrEqual(50);

    // The file is intact and opens (integrity_check), read straight with SQLite...
    const db = new Database(path.join(dir, 'history.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // ...and through a restarted server, with nothing acknowledged lost.
    const again = await startServer(dir);
    try {
      expect(again.mode).toBe('writer');
      const after = failures(await again.get<HistoryRecord[]>('/history?kind=failure&limit=1000')).map((r) => r.id);
      expect(after.length).toBeGreaterThanOrEqual(acknowledged.length);
      expect(acknowledged.filter((id) => !after.includes(id))).toEqual([]);
      expect(again.log()).not.toMatch(/error/i);
    } finally {
      await stopServer(again);
    }
  }, 300_000);
});
