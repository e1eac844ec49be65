import type { Container, ContainerFacts, Finding, Mount } from './container-schema';

/**
 * Pure evaluators: container facts in, findings out. Every rule has an id the
 * UI and tests key on. Sources: Kasm's Sysbox guide and Sysbox's documented
 * limitations (see /work/shared/domain.md §1.6, §3, §5).
 */
export const SYSBOX_RUNTIME = 'sysbox-runc';

export function isSysboxRuntime(runtime: string): boolean {
  return runtime === SYSBOX_RUNTIME;
}

export interface GpuFacts {
  runtime: string;
  /** HostConfig.DeviceRequests: driver and capability sets. */
  deviceRequests: readonly { driver: string; capabilities: readonly (readonly string[])[] }[];
  /** HostConfig.Devices: PathOnHost of each device. */
  devicePaths: readonly string[];
}

/** A GPU is requested: an NVIDIA runtime, a device request for "gpu"/nvidia, or /dev/nvidia* devices. */
export function detectGpu(f: GpuFacts): boolean {
  if (/nvidia/i.test(f.runtime)) return true;
  if (f.deviceRequests.some((r) => /nvidia/i.test(r.driver) || r.capabilities.some((set) => set.includes('gpu')))) return true;
  return f.devicePaths.some((p) => p.startsWith('/dev/nvidia') || p.startsWith('/dev/dri'));
}

type Rule = (f: ContainerFacts) => Finding[];

const gpu: Rule = ({ container: c }) =>
  c.sysbox && c.gpu
    ? [
        {
          id: 'sysbox.gpu',
          severity: 'error',
          message: 'This container asks for a GPU under Sysbox. Sysbox does not support NVIDIA GPUs: the container fails to start or gets no GPU.',
          fix: 'Run GPU Workspaces without Sysbox: remove "runtime": "sysbox-runc" from this Workspace\'s Docker Run Config Override, or remove the GPU (device_requests / nvidia devices) from it.',
        },
      ]
    : [];

const privileged: Rule = ({ container: c }) =>
  c.sysbox && c.privileged
    ? [
        {
          id: 'sysbox.privileged',
          severity: 'error',
          message: 'Privileged mode under Sysbox: Sysbox does not support --privileged (and does not need it; Sysbox containers can already run systemd and Docker).',
          fix: 'Remove "privileged": true from the Docker Run Config Override.',
        },
      ]
    : [];

const hostNamespace: Rule = ({ container: c, usernsMode }) => {
  if (!c.sysbox) return [];
  const shared = [
    c.pidMode === 'host' ? 'pid' : null,
    c.networkMode === 'host' ? 'network' : null,
    usernsMode === 'host' ? 'user' : null,
  ].filter((x): x is string => x !== null);
  if (shared.length === 0) return [];
  const keys = [
    c.pidMode === 'host' ? '"pid_mode": "host"' : null,
    c.networkMode === 'host' ? '"network_mode": "host"' : null,
    usernsMode === 'host' ? '"userns_mode": "host"' : null,
  ].filter((x): x is string => x !== null);
  return [
    {
      id: 'sysbox.host-namespace',
      severity: 'error',
      message: `Shares the host's ${shared.join(', ')} namespace${shared.length > 1 ? 's' : ''}. Sysbox refuses host namespaces: its isolation depends on the container having its own.`,
      fix: `Remove ${keys.join(', ')} from the Docker Run Config Override.`,
    },
  ];
};

const noInit: Rule = ({ container: c }) =>
  c.sysbox && c.kasm.kind === 'session' && c.entrypoint?.[0] !== '/sbin/init'
    ? [
        {
          id: 'sysbox.no-init',
          severity: 'warning',
          message: `A Kasm session under Sysbox whose entrypoint is ${c.entrypoint && c.entrypoint.length > 0 ? `"${c.entrypoint.join(' ')}"` : 'the image default'}, not /sbin/init: systemd does not run, so sudo setup and services inside the Workspace do not work as the guide intends.`,
          fix: 'Set the Workspace\'s Docker Run Config Override to include "entrypoint": ["/sbin/init"] (with "runtime": "sysbox-runc" and "user": 0).',
        },
      ]
    : [];

function normalizePath(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

const persistentProfile: Rule = ({ container: c }) =>
  c.sysbox && c.mounts.some((m) => normalizePath(m.destination) === '/home/kasm-user')
    ? [
        {
          id: 'sysbox.persistent-profile',
          severity: 'error',
          message: 'Something is mounted at /home/kasm-user under Sysbox: that is a Kasm persistent profile, which Kasm\'s guide lists as incompatible with Sysbox.',
          fix: 'Disable the persistent profile for Workspaces that run under Sysbox (Admin › Workspaces › Edit › Persistent Profile Path: empty).',
        },
      ]
    : [];

/** Known Sysbox failure strings (domain.md §5), each with what it means and the fix. */
export const SYSBOX_ERRORS: readonly { re: RegExp; meaning: string; fix: string }[] = [
  {
    re: /failed to register with sysbox-mgr|sysmgr\.sock/,
    meaning: 'sysbox-mgr is not running (Docker could not reach /run/sysbox/sysmgr.sock).',
    fix: 'sudo systemctl restart sysbox && sudo systemctl status sysbox-mgr',
  },
  {
    re: /failed to (pre-)?register with sysbox-fs/,
    meaning: 'sysbox-fs is not running.',
    fix: 'sudo systemctl restart sysbox && sudo systemctl status sysbox-fs',
  },
  {
    re: /Transport endpoint is not connected/,
    meaning: 'sysbox-fs was restarted under this running container; its /proc and /sys are gone.',
    fix: 'Recreate the container (for a Kasm session: destroy it and start a new session).',
  },
  {
    re: /unknown or invalid runtime name: sysbox-runc|Unknown runtime specified sysbox-runc/,
    meaning: 'Docker does not know the sysbox-runc runtime.',
    fix: 'Install Sysbox, check that /etc/docker/daemon.json lists "sysbox-runc" under "runtimes", then sudo systemctl reload docker (or restart).',
  },
  {
    re: /kernel version check failed/,
    meaning: 'The kernel is too old for this Sysbox version.',
    fix: 'Upgrade the kernel (Sysbox needs >= 5.15; 6.5+ recommended on Ubuntu Jammy).',
  },
  {
    re: /not configured to allow unprivileged users to create namespaces/,
    meaning: 'The kernel forbids unprivileged user namespaces.',
    fix: 'echo "kernel.unprivileged_userns_clone=1" | sudo tee /etc/sysctl.d/99-sysbox.conf && sudo sysctl --system',
  },
  {
    re: /sysbox containers can't share (namespaces \[[a-z, ]+\]|a network namespace) with the host/,
    meaning: 'The container asked for a host namespace (pid or network), which Sysbox refuses.',
    fix: 'Remove "pid_mode": "host" / "network_mode": "host" from the Docker Run Config Override.',
  },
  {
    re: /setting up ID-mapped mount on path.*operation not permitted/s,
    meaning: 'The kernel or filesystem refused an ID-mapped mount for one of the container\'s mounts.',
    fix: 'Use a kernel >= 5.19 (or install shiftfs on 5.15-6.3), or move the mount to a filesystem that supports ID-mapped mounts (not FUSE/overlay).',
  },
];

const sysboxError: Rule = ({ stateError }) => {
  if (!stateError) return [];
  const known = SYSBOX_ERRORS.find((e) => e.re.test(stateError));
  if (!known) return [];
  return [
    {
      id: 'sysbox.error',
      severity: 'error',
      message: `Last start failed: ${known.meaning} Docker said: ${stateError.slice(0, 400)}`,
      fix: known.fix,
    },
  ];
};

const usernsNone: Rule = ({ container: c, identityUidMap }) =>
  c.sysbox && identityUidMap === true
    ? [
        {
          id: 'userns.none',
          severity: 'error',
          message: 'This container runs under the sysbox-runc runtime name but has no user namespace: its uid_map is the identity, so container root is host root. Real Sysbox always maps root to its subuid range.',
          fix: 'Check that sysbox-runc really is Sysbox (sysbox-runc --version) and that the container is not started with "userns_mode": "host".',
        },
      ]
    : [];

const RULES: readonly Rule[] = [gpu, privileged, hostNamespace, noInit, persistentProfile, sysboxError, usernsNone];

/** Findings about one container alone. */
export function evaluateContainer(f: ContainerFacts): Finding[] {
  return RULES.flatMap((rule) => rule(f));
}

/** What identifies shared storage: a named volume, or a bind-mounted host path. */
export function storageKey(m: Mount): string | null {
  if (m.type === 'volume' && m.volumeName) return `volume:${m.volumeName}`;
  if (m.type === 'bind' && m.source) return `bind:${normalizePath(m.source)}`;
  return null;
}

function describeStorage(key: string): string {
  return key.startsWith('volume:') ? `Volume "${key.slice('volume:'.length)}"` : `Host path ${key.slice('bind:'.length)}`;
}

/**
 * mount.shared-across-runtimes: the same volume or bind source mounted by a
 * Sysbox and a non-Sysbox container. An error on both, naming the other(s).
 */
export function evaluateSharedMounts(containers: readonly Omit<Container, 'findings'>[]): Map<string, Finding[]> {
  const users = new Map<string, { id: string; name: string; sysbox: boolean; runtime: string; kasmUser: number | null }[]>();
  for (const c of containers) {
    const keys = new Set(c.mounts.map(storageKey).filter((k): k is string => k !== null));
    for (const k of keys) {
      const list = users.get(k) ?? [];
      list.push({ id: c.id, name: c.name, sysbox: c.sysbox, runtime: c.runtime, kasmUser: c.hostUids?.kasmUser ?? null });
      users.set(k, list);
    }
  }
  const out = new Map<string, Finding[]>();
  for (const [key, list] of users) {
    if (!list.some((u) => u.sysbox) || !list.some((u) => !u.sysbox)) continue;
    for (const u of list) {
      const others = list.filter((o) => o.sysbox !== u.sysbox);
      const names = others.map((o) => `${o.name} (${o.runtime})`).join(', ');
      // The number is the Sysbox container's own live uid_map (hostUids.kasmUser), never the guide's example.
      const sysboxUids = [...new Set(list.filter((o) => o.sysbox).map((o) => o.kasmUser).filter((n): n is number => n !== null))];
      const high = sysboxUids.length > 0 ? `host uid ${sysboxUids.join('/')}` : 'a high host uid (its ID map could not be read)';
      const finding: Finding = {
        id: 'mount.shared-across-runtimes',
        severity: 'error',
        message: `${describeStorage(key)} is also mounted by ${u.sysbox ? 'non-Sysbox' : 'Sysbox'} container${others.length > 1 ? 's' : ''} ${names}. Sysbox writes kasm-user's files as ${high} and runc as 1000: one side sees the other's files as nobody.`,
        fix: 'Give Sysbox and non-Sysbox Workspaces separate volumes or host paths (Kasm\'s guide: do not share a storage/volume mapping between them).',
      };
      out.set(u.id, [...(out.get(u.id) ?? []), finding]);
    }
  }
  return out;
}

/** All findings for a whole host's containers (per-container rules plus cross-container ones). */
export function evaluateContainers(facts: readonly ContainerFacts[]): Container[] {
  const shared = evaluateSharedMounts(facts.map((f) => f.container));
  return facts.map((f) => ({
    ...f.container,
    findings: [...evaluateContainer(f), ...(shared.get(f.container.id) ?? [])],
  }));
}
