import type { ContainerHealthFact } from './snapshot';

/** Known Sysbox failures in a container's State.Error (domain.md §5), in plain words. */
export interface KnownSysboxError {
  id: string;
  pattern: RegExp;
  meaning: string;
  fix: string;
}

export const KNOWN_SYSBOX_ERRORS: KnownSysboxError[] = [
  {
    id: 'sysbox-mgr-down',
    pattern: /failed to register with sysbox-mgr|sysmgr\.sock: connect: connection refused/,
    meaning: 'sysbox-mgr was not running when the container started.',
    fix: 'sudo systemctl restart sysbox',
  },
  {
    id: 'sysbox-fs-down',
    pattern: /failed to (pre-)?register with sysbox-fs/,
    meaning: 'sysbox-fs was not running when the container started.',
    fix: 'sudo systemctl restart sysbox',
  },
  {
    id: 'sysbox-fs-restarted',
    pattern: /\/proc\/sys: Transport endpoint is not connected/,
    meaning: 'sysbox-fs restarted under the running container; its /proc emulation is gone.',
    fix: 'Recreate the container (end the Kasm session; Kasm launches a new one).',
  },
  {
    id: 'runtime-not-registered',
    pattern: /unknown or invalid runtime name: sysbox-runc|Unknown runtime specified sysbox-runc/,
    meaning: 'Docker does not know the sysbox-runc runtime.',
    fix: 'Register sysbox-runc in /etc/docker/daemon.json and reload Docker (see the sysbox.runtime check).',
  },
  {
    id: 'kernel-too-old',
    pattern: /kernel version check failed:/,
    meaning: 'The kernel is older than Sysbox supports.',
    fix: 'Upgrade the kernel (5.15 minimum; Kasm recommends 6.5).',
  },
  {
    id: 'userns-disallowed',
    pattern: /kernel is not configured to allow unprivileged users to create namespaces/,
    meaning: 'The kernel does not allow unprivileged user namespaces.',
    fix: 'echo 1 | sudo tee /proc/sys/kernel/unprivileged_userns_clone',
  },
  {
    id: 'host-namespace',
    pattern: /sysbox containers can't share (namespaces \[pid\]|a network namespace) with the host/,
    meaning: 'The container was asked to share the host PID or network namespace, which Sysbox refuses.',
    fix: 'Remove pid_mode/network_mode "host" from the Workspace run config.',
  },
  {
    id: 'idmapped-mount-denied',
    pattern: /setting up ID-mapped mount on path.*operation not permitted/s,
    meaning: 'The kernel refused an ID-mapped mount for one of the container mounts (filesystem without support).',
    fix: 'Move the mount to a filesystem that supports ID-mapped mounts, or load shiftfs.',
  },
];

export function matchKnownSysboxError(error: string | null): KnownSysboxError | null {
  if (!error) return null;
  return KNOWN_SYSBOX_ERRORS.find((k) => k.pattern.test(error)) ?? null;
}

export interface ContainerProblem {
  container: ContainerHealthFact;
  kind: 'error' | 'stale';
  known: KnownSysboxError | null;
  detail: string;
}

/**
 * Sysbox containers with a known failure in State.Error, and running ones that
 * started before the current sysbox-fs process (stale: must be recreated).
 */
export function findContainerProblems(containers: ContainerHealthFact[], sysboxFsStartedAt: string | null): ContainerProblem[] {
  const out: ContainerProblem[] = [];
  const fsStart = sysboxFsStartedAt ? Date.parse(sysboxFsStartedAt) : NaN;
  for (const c of containers) {
    const known = matchKnownSysboxError(c.error);
    if (known && (c.runtime === 'sysbox-runc' || known.id === 'runtime-not-registered')) {
      out.push({ container: c, kind: 'error', known, detail: known.meaning });
      continue;
    }
    if (c.runtime !== 'sysbox-runc' || c.state !== 'running' || !c.startedAt || Number.isNaN(fsStart)) continue;
    const started = Date.parse(c.startedAt);
    // 1 s of slack: process start times come in clock ticks.
    if (!Number.isNaN(started) && started < fsStart - 1000) {
      out.push({
        container: c,
        kind: 'stale',
        known: null,
        detail: `started ${c.startedAt}, before the current sysbox-fs (${sysboxFsStartedAt}); it lost its /proc emulation and must be recreated.`,
      });
    }
  }
  return out;
}
