import type { HostStatus } from '../status';
import { sysboxRange } from '../subid';
import type { HostContext } from './context';
import { HOST_PATHS, NO_FILES, text } from './shared';

/** HostStatus.facts: what the checks found, as numbers and names for the pages and the generators. */
export function hostFacts(ctx: HostContext): HostStatus['facts'] {
  const { snapshot: s, files: f, install: inst, daemonJson: parsed } = ctx;
  const info = s.docker.ok ? s.docker.value.info : null;
  const daemonRaw = text(f?.daemonJson);
  const daemonJson: HostStatus['facts']['daemonJson'] = { path: HOST_PATHS.daemonJson, raw: daemonRaw };
  if (!f) daemonJson.error = NO_FILES;
  else if (f.daemonJson.state === 'missing') daemonJson.error = 'file not found';
  else if (f.daemonJson.state === 'error') daemonJson.error = f.daemonJson.reason;
  else if (parsed && !parsed.ok) daemonJson.error = `invalid JSON: ${parsed.message}${parsed.line !== null ? ` (line ${parsed.line}, column ${parsed.column})` : ''}`;
  return {
    docker:
      s.docker.ok && info
        ? {
            version: s.docker.value.version.Version,
            apiVersion: s.docker.value.version.ApiVersion,
            runtimes: Object.fromEntries(Object.entries(info.Runtimes ?? {}).map(([n, r]) => [n, { path: r.path ?? null }])),
            defaultRuntime: info.DefaultRuntime ?? null,
            securityOptions: info.SecurityOptions ?? [],
            kernelVersion: info.KernelVersion ?? s.docker.value.version.KernelVersion ?? null,
            os: info.OperatingSystem ?? null,
          }
        : null,
    sysbox: { version: inst.version, edition: inst.edition, services: ctx.services },
    subid: {
      uid: text(f?.subuid) !== null ? sysboxRange(text(f?.subuid) ?? '') : null,
      gid: text(f?.subgid) !== null ? sysboxRange(text(f?.subgid) ?? '') : null,
    },
    kernel: ctx.kernel.status,
    daemonJson,
    kasmUser: ctx.kasmUser,
  };
}
