import { DOCS, check, type Check } from '../check';
import { SERVICE_NAMES, describeProcess, installedPath, serviceProcess, type ServiceName } from '../services';
import type { HostFiles, HostSnapshot } from '../snapshot';
import type { HostStatus } from '../status';
import type { HostCheck } from './context';
import { NO_FILES } from './shared';

export type ServiceFacts = HostStatus['facts']['sysbox']['services'];

/** Each Sysbox service's main process (facts.sysbox.services; sysbox-fs's start time also dates stale containers). */
export function serviceFacts(f: HostFiles | null): ServiceFacts {
  const none = { running: null, pid: null, startedAt: null, exe: null, executable: null };
  if (!f || !f.processes.ok) return { 'sysbox-mgr': none, 'sysbox-fs': none };
  const procs = f.processes.value;
  const find = (name: ServiceName): HostStatus['facts']['sysbox']['services'][ServiceName] => {
    const sp = serviceProcess(procs, name, f.root);
    if (!sp) return { running: false, pid: null, startedAt: null, exe: null, executable: null };
    const p = sp.main;
    return { running: true, pid: p.pid, startedAt: p.startedAt, exe: p.exe, executable: p.kind };
  };
  return { 'sysbox-mgr': find('sysbox-mgr'), 'sysbox-fs': find('sysbox-fs') };
}

const RESTART_SYSBOX = ['sudo systemctl restart sysbox', 'systemctl status sysbox sysbox-mgr sysbox-fs --no-pager'];

/**
 * Passes only when each service's executable (/proc/<pid>/exe) is the
 * installed binary: a process name proves nothing (issue #11).
 */
function sysboxServices(s: HostSnapshot): Check {
  const f = s.files;
  if (!f) return check('sysbox.services', true, 'unknown', 'Sysbox services: unknown', `Cannot see processes: ${NO_FILES}.`, [NO_FILES]);
  if (!f.processes.ok) {
    return check('sysbox.services', true, 'unknown', 'Sysbox services: unknown', `Could not list processes under ${f.proc}.`, [
      `${f.proc}: ${f.processes.reason}`,
    ]);
  }
  const procs = f.processes.value;
  const found = SERVICE_NAMES.map((name) => ({ name, sp: serviceProcess(procs, name, f.root) }));
  const ev: string[] = [];
  for (const { name, sp } of found) {
    if (!sp) ev.push(`${name}: not found among ${f.proc}/*/comm`);
    else for (const p of [sp.main, ...sp.others]) ev.push(describeProcess(name, p));
  }
  const down = found.filter((x) => !x.sp).map((x) => x.name);
  if (down.length > 0) {
    ev.push(`(${f.proc} must be the host’s /proc: a dashboard in a container needs --pid=host or the host’s /proc as HOST_PROC)`);
    return check(
      'sysbox.services',
      true,
      'fail',
      'Sysbox services are not running',
      `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} not running; Sysbox containers cannot start without both.`,
      ev,
      { fix: { text: 'Restart the Sysbox services and check they stay up.', commands: RESTART_SYSBOX }, docs: DOCS.sysboxTroubleshoot },
    );
  }
  const mains = found.flatMap((x) => (x.sp ? [{ name: x.name, p: x.sp.main }] : []));
  const other = mains.filter((m) => m.p.kind === 'other');
  if (other.length > 0) {
    const what = other.map((m) => `a process named ${m.name} (pid ${m.p.pid}) runs ${m.p.exe ?? '?'}, not ${installedPath(m.name)}`).join('; ');
    return check(
      'sysbox.services',
      true,
      'warn',
      'A process carries a Sysbox name but is not the Sysbox binary',
      `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}. A name alone does not make it Sysbox.`,
      ev,
      {
        fix: {
          text: `Find out what ${other.map((m) => m.p.exe ?? m.name).join(' and ')} ${other.length > 1 ? 'are' : 'is'}; if Sysbox is installed, its services run ${other.map((m) => installedPath(m.name)).join(' and ')}.`,
          commands: [...other.map((m) => `ls -l /proc/${m.p.pid}/exe`), ...RESTART_SYSBOX],
        },
        docs: DOCS.sysboxTroubleshoot,
      },
    );
  }
  const replaced = mains.filter((m) => m.p.kind === 'replaced');
  if (replaced.length > 0) {
    const names = replaced.map((m) => m.name).join(' and ');
    return check(
      'sysbox.services',
      true,
      'warn',
      'Sysbox was upgraded: a restart is pending',
      `${names} ${replaced.length > 1 ? 'run' : 'runs'} an executable that was replaced on disk since ${replaced.length > 1 ? 'they' : 'it'} started (an upgrade): the old code runs until the services restart.`,
      ev,
      {
        fix: {
          text: 'Restart Sysbox when no Workspace session is running (running Sysbox containers must be restarted after it).',
          commands: RESTART_SYSBOX,
        },
        docs: DOCS.sysboxTroubleshoot,
      },
    );
  }
  const unreadable = mains.filter((m) => m.p.kind === 'unreadable');
  if (unreadable.length > 0) {
    return check(
      'sysbox.services',
      true,
      'unknown',
      'Sysbox services: executable unknown',
      `Processes named ${unreadable.map((m) => m.name).join(' and ')} run, but their executable could not be read, so they are not known to be Sysbox (run the dashboard as root).`,
      ev,
    );
  }
  return check('sysbox.services', true, 'pass', 'Sysbox services are running', `sysbox-mgr and sysbox-fs are both running from ${installedPath('sysbox-mgr')} and ${installedPath('sysbox-fs')}.`, ev);
}

export const sysboxServicesCheck: HostCheck = { id: 'sysbox.services', evaluate: (ctx) => sysboxServices(ctx.snapshot) };
