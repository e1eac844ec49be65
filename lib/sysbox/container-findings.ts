import type { Container, ContainerFacts, Finding, Mount } from './container-schema';
import { matchKnownSysboxError, type KnownSysboxError } from './known-errors';

// Classification lives in classify.ts, the runtime name in runtime.ts; re-exported for existing importers.

/**
 * Pure evaluators: container facts in, findings out. Every rule has an id the
 * UI and tests key on. Sources: Kasm's Sysbox guide
 * (https://kasmweb.com/docs/latest/how_to/sysbox_runtime.html: NVIDIA GPUs,
 * privileged mode and persistent profiles are incompatible; /sbin/init as the
 * entrypoint) and Sysbox's limitations
 * (https://github.com/nestybox/sysbox/blob/master/docs/user-guide/limitations.md).
 */

type Rule = (f: ContainerFacts) => Finding[];

const gpu: Rule = ({ container: c }) =>
  c.sysbox && c.gpu
    ? [
        {
          id: 'sysbox.gpu',
          severity: 'error',
          message: 'This container asks for an NVIDIA GPU under Sysbox. Sysbox does not support NVIDIA GPUs: the container fails to start or gets no GPU.',
          fix: 'Run GPU Workspaces without Sysbox: remove "runtime": "sysbox-runc" from this Workspace\'s Docker Run Config Override, or remove the GPU (device_requests / nvidia devices) from it.',
        },
      ]
    : [];

/** /dev/dri under Sysbox works (Kasm's Sysbox guide: DRI3 with open-source drivers): an info, not an error. */
const dri: Rule = ({ container: c, driDevices: paths }) =>
  c.sysbox && paths && paths.length > 0
    ? [
        {
          id: 'sysbox.dri',
          severity: 'info',
          message: `Passes ${paths.join(', ')} under Sysbox. This works: Kasm's Sysbox guide says GPU acceleration through DRI3 with the open-source (Intel/AMD) drivers works under Sysbox; only NVIDIA GPUs are incompatible. Inside the container the device files show as owned by nobody (host ids outside the container's range).`,
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

/**
 * The `sysbox.error` finding for a State.Error that is a known Sysbox failure
 * (known-errors.ts), with the table entry it came from: the one pass over the
 * error strings, also read by the containers.sysbox-health check.
 */
export function sysboxErrorFinding(stateError: string | null): { finding: Finding; known: KnownSysboxError } | null {
  const known = matchKnownSysboxError(stateError);
  if (!known || !stateError) return null;
  return {
    known,
    finding: {
      id: 'sysbox.error',
      severity: 'error',
      message: `Last start failed: ${known.meaning} Docker said: ${stateError.slice(0, 400)}`,
      fix: known.fix,
    },
  };
}

const sysboxError: Rule = ({ stateError }) => {
  const e = sysboxErrorFinding(stateError);
  return e ? [e.finding] : [];
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

const RULES: readonly Rule[] = [gpu, dri, privileged, hostNamespace, noInit, persistentProfile, sysboxError, usernsNone];

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
