/**
 * The known Sysbox failures as Docker records them in a container's
 * State.Error: the ONE table, read by the container finding `sysbox.error`
 * (container-findings.ts), the `containers.sysbox-health` check (built from
 * that finding) and the failure history (history.ts, whose failure kinds are
 * these ids). Each string is Sysbox's own, cited at its entry; Sysbox's
 * troubleshooting guide explains them:
 * https://github.com/nestybox/sysbox/blob/master/docs/user-guide/troubleshoot.md
 */
export interface KnownSysboxError {
  id: string;
  pattern: RegExp;
  meaning: string;
  fix: string;
}

export const KNOWN_SYSBOX_ERRORS: readonly KnownSysboxError[] = [
  {
    // sysbox-runc libsysbox/sysbox/mgr.go (*Mgr).Register: "failed to register with sysbox-mgr: %v", the
    // gRPC dial of /run/sysbox/sysmgr.sock failing (troubleshoot.md "Failed to register with sysbox-mgr or sysbox-fs").
    id: 'sysbox-mgr-down',
    pattern: /failed to register with sysbox-mgr|sysmgr\.sock/,
    meaning: 'sysbox-mgr was not running when the container started.',
    fix: 'sudo systemctl restart sysbox',
  },
  {
    // sysbox-runc libsysbox/sysbox/fs.go (*Fs).PreRegister / Register: "failed to pre-register with sysbox-fs: %v".
    id: 'sysbox-fs-down',
    pattern: /failed to (pre-)?register with sysbox-fs/,
    meaning: 'sysbox-fs was not running when the container started.',
    fix: 'sudo systemctl restart sysbox',
  },
  {
    // The FUSE mounts sysbox-fs serves under the container's /proc and /sys are gone once sysbox-fs restarts
    // (ENOTCONN on any path below them, e.g. "open /proc/sys/kernel/x: Transport endpoint is not connected").
    id: 'sysbox-fs-restarted',
    pattern: /Transport endpoint is not connected/,
    meaning: 'sysbox-fs restarted under the running container; its /proc emulation is gone.',
    fix: 'Recreate the container (end the Kasm session; Kasm launches a new one).',
  },
  {
    // dockerd's own refusal (troubleshoot.md "Docker reports Unknown Runtime error").
    id: 'runtime-not-registered',
    pattern: /unknown or invalid runtime name: sysbox-runc|Unknown runtime specified sysbox-runc/,
    meaning: 'Docker does not know the sysbox-runc runtime.',
    fix: 'Register sysbox-runc in /etc/docker/daemon.json and reload Docker (see the sysbox.runtime check).',
  },
  {
    // sysbox-runc libsysbox/sysbox/sysbox.go CheckHostConfig: "kernel version check failed: %v".
    id: 'kernel-too-old',
    pattern: /kernel version check failed:/,
    meaning: 'The kernel is older than Sysbox supports.',
    fix: 'Upgrade the kernel (5.15 minimum; Kasm recommends 6.5).',
  },
  {
    // sysbox-runc libsysbox/sysbox/sysbox.go checkUnprivilegedUserns
    // (troubleshoot.md "Unprivileged User Namespace Creation Error").
    id: 'userns-disallowed',
    pattern: /kernel is not configured to allow unprivileged users to create namespaces/,
    meaning: 'The kernel does not allow unprivileged user namespaces.',
    fix: 'echo 1 | sudo tee /proc/sys/kernel/unprivileged_userns_clone',
  },
  {
    // sysbox-runc libsysbox/syscont/spec.go: cfgNamespaces "sysbox containers can't share namespaces %v with the
    // host" (%v of a Go slice: "[pid]", "[pid network]") and the netns check "can't share a network namespace".
    id: 'host-namespace',
    pattern: /sysbox containers can't share (namespaces \[[a-z, ]+\]|a network namespace) with the host/,
    meaning: 'The container was asked to share the host PID or network namespace, which Sysbox refuses.',
    fix: 'Remove pid_mode/network_mode "host" from the Workspace run config.',
  },
  {
    // sysbox-runc libcontainer rootfs setup: "setting up ID-mapped mount on path %s (likely means idmapped mounts
    // are not supported on the filesystem at this path (%s))", wrapping the kernel's EPERM.
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
