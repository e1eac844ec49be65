// Process and mount helpers of the stand-in Sysbox installation
// (scripts/standin-sysbox.mjs): NOT Sysbox; see that script's header.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pidAlive } from '../tools/sandbox/sandbox-lib.mjs';

const log = (...a) => console.error('[standin-sysbox]', ...a);

export function sh(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || '').trim()}`);
}

export async function stopPid(pid, what, graceMs = 15_000) {
  if (!pid || !pidAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) {
    log(`${what} (pid ${pid}) did not stop on SIGTERM: SIGKILL`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
}

export async function waitFor(what, fn, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what}: the process exited (${child.exitCode})`);
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not up after ${timeoutMs} ms`);
}

export function tail(file, n = 20) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/**
 * Makes the stand-ins appear in /usr/bin, in this mount namespace only. First
 * choice: a read-only overlayfs (the stand-ins on top of the machine's
 * /usr/bin; dockerd's containerd, docker, sleep… stay visible). Where the kernel
 * or filesystem refuses it (or KSD_STANDIN_NO_OVERLAY=1): the machine's /usr/bin
 * bind-mounted read-only under DIR, a folder of symlinks to each of its entries
 * plus the stand-in files, and that folder bind-mounted over /usr/bin.
 */
export function layOverUsrBin(bin, dir) {
  if (process.env.KSD_STANDIN_NO_OVERLAY !== '1') {
    const r = spawnSync('mount', ['-t', 'overlay', 'standin-sysbox', '-o', `lowerdir=${bin}:/usr/bin`, '/usr/bin'], { encoding: 'utf8' });
    if (r.status === 0) return 'a read-only overlayfs';
    log(`overlayfs over /usr/bin refused (${(r.stderr || '').trim()}): bind mounts instead`);
  }
  const machine = path.join(dir, 'machine-usr-bin');
  const view = path.join(dir, 'usr-bin-view');
  fs.mkdirSync(machine, { recursive: true });
  fs.mkdirSync(view, { recursive: true });
  sh('mount', ['--bind', '/usr/bin', machine]);
  sh('mount', ['-o', 'remount,bind,ro', machine]);
  const standins = new Set(fs.readdirSync(bin));
  for (const e of fs.readdirSync(machine)) if (!standins.has(e)) fs.symlinkSync(path.join(machine, e), path.join(view, e));
  for (const e of standins) fs.copyFileSync(path.join(bin, e), path.join(view, e));
  for (const e of standins) fs.chmodSync(path.join(view, e), 0o755);
  sh('mount', ['--bind', view, '/usr/bin']);
  return 'bind mounts (a folder of symlinks to the machine\'s /usr/bin plus the stand-ins)';
}

/** The pid (in this, the outer, pid namespace) of the process whose parent is `ppid`. */
export function childOf(ppid) {
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      // Field 4 (ppid), after the ")" that ends the command name.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) return Number(e);
    } catch {
      // exited meanwhile
    }
  }
  return null;
}
