import { DOCS, check, type Check } from '../check';
import { findContainerProblems } from '../container-health';
import { isSysboxRuntime } from '../runtime';
import { SEVERITY_STATUS } from '../severity';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';

const RECREATE = 'Recreate the container (end the Kasm session; Kasm launches a new one).';

/**
 * Built from the container findings: a container in trouble is one with the
 * `sysbox.error` finding (container-findings.ts, over the one known-error
 * table) or a running Sysbox container older than the current sysbox-fs
 * (sysbox-fs serves its /proc and /sys: troubleshoot.md).
 */
function containersHealth(s: HostSnapshot, fsStartedAt: string | null, fsRunning: boolean | null): Check {
  if (!s.containers.ok) {
    return check('containers.sysbox-health', false, 'unknown', 'Sysbox containers: unknown', 'Could not list containers.', [`Docker: ${s.containers.reason}`]);
  }
  const all = s.containers.value;
  const sysbox = all.filter((c) => isSysboxRuntime(c.runtime));
  const problems = findContainerProblems(all, fsStartedAt);
  const ev = [`${all.length} containers, ${sysbox.length} with runtime sysbox-runc`];
  if (fsRunning && !fsStartedAt) ev.push('sysbox-fs start time unknown: stale containers cannot be detected');
  for (const p of problems) ev.push(`${p.container.name}: ${p.kind === 'stale' ? p.detail : `${p.detail} State.Error: ${p.container.error ?? ''}`}`);
  if (problems.length > 0) {
    const fixes = [...new Set(problems.map((p) => (p.kind === 'stale' ? RECREATE : (p.finding?.fix ?? ''))))];
    return check(
      'containers.sysbox-health',
      false,
      // A sysbox.error finding has severity "error"; a stale container is as bad.
      SEVERITY_STATUS.error,
      `${problems.length} Sysbox container${problems.length > 1 ? 's' : ''} in trouble`,
      problems.map((p) => `${p.container.name}: ${p.kind === 'stale' ? 'stale (started before the current sysbox-fs)' : p.detail}`).join(' '),
      ev,
      { fix: { text: fixes.join(' '), commands: fixes.filter((x) => x.startsWith('sudo ') || x.startsWith('echo ')) }, docs: DOCS.sysboxTroubleshoot },
    );
  }
  if (sysbox.length === 0) {
    return check('containers.sysbox-health', false, 'pass', 'No Sysbox containers yet', 'No container uses the sysbox-runc runtime, so none can be in trouble.', ev);
  }
  return check('containers.sysbox-health', false, 'pass', 'Sysbox containers look healthy', 'None shows a known Sysbox error or predates the current sysbox-fs.', ev);
}

export const containersSysboxHealthCheck: HostCheck = {
  id: 'containers.sysbox-health',
  evaluate: (ctx) => containersHealth(ctx.snapshot, ctx.services['sysbox-fs'].startedAt, ctx.services['sysbox-fs'].running),
};
