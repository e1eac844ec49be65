/**
 * The Docker runtime name under which Sysbox is registered: the Sysbox
 * installer writes `"runtimes": {"sysbox-runc": {"path": "/usr/bin/sysbox-runc"}}`
 * into /etc/docker/daemon.json (sysbox docs/user-guide/install-package.md),
 * and Kasm's guide sets `"runtime": "sysbox-runc"` in a Workspace's Docker Run
 * Config Override (https://kasmweb.com/docs/latest/how_to/sysbox_runtime.html).
 * The binary has the same name (snapshot.ts SYSBOX_BINARIES).
 */
export const SYSBOX_RUNTIME = 'sysbox-runc';

export function isSysboxRuntime(runtime: string | null): boolean {
  return runtime === SYSBOX_RUNTIME;
}
