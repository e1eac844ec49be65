import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A process the test starts itself under a Sysbox service's name: a copy of
 * /bin/sleep saved as `sysbox-mgr` (or `sysbox-fs`), so /proc/<pid>/comm says
 * the name while /proc/<pid>/exe is the copy. Stopped by its own pid.
 */
export interface Decoy {
  pid: number;
  exe: string;
  stop(): Promise<void>;
}

export async function startDecoy(name: 'sysbox-mgr' | 'sysbox-fs'): Promise<Decoy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-decoy-'));
  const exe = path.join(dir, name);
  fs.copyFileSync('/bin/sleep', exe);
  fs.chmodSync(exe, 0o755);
  const child: ChildProcess = spawn(exe, ['600'], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${exe}`);
  // exec is done once comm shows the new name.
  for (let i = 0; i < 200; i++) {
    const comm = fs.existsSync(`/proc/${pid}/comm`) ? fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() : '';
    if (comm === name) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid,
    exe,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A HOST_ROOT the test controls: an empty host (no Sysbox files) whose proc/
 * lists one ordinary process. "No Sysbox here" no longer depends on what the
 * machine running the tests runs or has installed.
 */
export function emptyHost(): { root: string; proc: string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-empty-host-'));
  const proc = path.join(root, 'proc');
  fs.mkdirSync(path.join(proc, '1'), { recursive: true });
  fs.writeFileSync(path.join(proc, '1', 'comm'), 'systemd\n');
  fs.writeFileSync(path.join(proc, 'stat'), 'btime 1700000000\n');
  return { root, proc, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
