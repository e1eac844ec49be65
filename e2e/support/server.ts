import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A production server of the dashboard that a test starts and stops itself
 * (by pid), on its own port and with its own data dir, for what the shared e2e
 * servers cannot show: restarts, other passwords, a login limit spent on purpose.
 * Ports: the e2e port (KSD_E2E_PORT) + 4 and up (see playwright.config.ts).
 */
export interface TestServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** Resolves with the exit code once the process exits. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export const E2E_PORT = Number(process.env.KSD_E2E_PORT ?? 3100);

export function tempDataDir(): { root: string; dataDir: string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-e2e-server-'));
  return { root, dataDir: path.join(root, 'data'), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Spawns `command` (default: `node scripts/start.mjs --no-build`) with a minimal environment plus `env`. */
export function spawnServer(port: number, env: Record<string, string>, command: string[] = ['scripts/start.mjs', '--no-build']): TestServer {
  const child = spawn(process.execPath, command, {
    cwd: process.cwd(),
    env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: env.HOME ?? os.tmpdir(), PORT: String(port), DOCKER_HOST: 'unix:///tmp/ksd-no-docker-here.sock', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Waits until GET /api/health answers 200 (or the process exits). */
export async function waitHealthy(server: TestServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet: try again
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${server.output()}`);
}

/**
 * The pid of the process that serves: scripts/start.mjs itself since it runs the
 * standalone server in-process (e2e/api/one-process.spec.ts checks it has no child).
 */
export function servingPid(server: TestServer): number {
  const pid = server.child.pid ?? 0;
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('the test server has no pid');
  return pid;
}

export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}
