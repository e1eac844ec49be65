import { DOCS, check, type Check } from '../check';
import { SYSBOX_RUNC_PATH, isSysboxRuncPath, mergeSysboxDaemonJson, sysboxRuntimeIn, writeDaemonJsonCommands, type DaemonJsonParse } from '../daemon-json';
import { SYSBOX_RUNTIME } from '../runtime';
import type { HostSnapshot } from '../snapshot';
import type { HostCheck } from './context';
import { HOST_PATHS, NO_FILES, text, why } from './shared';
import type { SysboxInstall } from './sysbox-install';

function sysboxRuntime(s: HostSnapshot, inst: SysboxInstall, parsed: DaemonJsonParse | null): Check {
  const f = s.files;
  const merged = mergeSysboxDaemonJson(text(f?.daemonJson));
  const inFile = parsed?.ok ? sysboxRuntimeIn(parsed.value) : null;
  const ev: string[] = [];
  if (parsed?.ok) ev.push(`${HOST_PATHS.daemonJson}: ${inFile ? `runtimes.sysbox-runc.path = ${inFile.path ?? '(none)'}` : 'no sysbox-runc runtime'}`);
  else if (parsed && !parsed.ok) ev.push(`${HOST_PATHS.daemonJson}: not valid JSON`);
  else ev.push(why(f?.daemonJson, HOST_PATHS.daemonJson));

  if (!s.docker.ok) {
    ev.unshift(`Docker: ${s.docker.reason}`);
    return check(
      'sysbox.runtime',
      true,
      'unknown',
      'sysbox-runc runtime: unknown',
      inFile ? 'daemon.json registers sysbox-runc, but Docker did not answer to confirm it is loaded.' : 'Docker did not answer, so its runtimes are unknown.',
      ev,
    );
  }
  const runtimes = s.docker.value.info.Runtimes ?? {};
  const registered = runtimes[SYSBOX_RUNTIME];
  ev.unshift(`/info Runtimes: ${Object.entries(runtimes).map(([n, r]) => `${n} → ${r.path ?? '?'}`).join(', ') || '(none)'}`);
  ev.push(`/info DefaultRuntime: ${s.docker.value.info.DefaultRuntime ?? '(not reported)'}`);
  if (!registered) {
    if (inFile) {
      return check(
        'sysbox.runtime',
        true,
        'warn',
        'sysbox-runc is in daemon.json but Docker has not loaded it',
        'Docker reads daemon.json at start and on reload: reload it (SIGHUP keeps containers running) to register sysbox-runc.',
        ev,
        { fix: { text: 'Reload Docker’s configuration (running containers keep running).', commands: ['sudo systemctl reload docker'] } },
      );
    }
    return check(
      'sysbox.runtime',
      true,
      'fail',
      'sysbox-runc is not registered with Docker',
      'Neither Docker’s /info nor daemon.json has the sysbox-runc runtime, so Workspaces with "runtime": "sysbox-runc" fail to start.',
      ev,
      {
        fix: {
          text: `Install Sysbox (its installer registers the runtime), or write the recommended ${HOST_PATHS.daemonJson} and restart Docker.`,
          commands: [...writeDaemonJsonCommands(merged.text, f?.daemonJson.state === 'ok'), 'sudo systemctl restart docker'],
          json: merged.text,
        },
        docs: DOCS.sysboxInstall,
      },
    );
  }
  const path = registered.path ?? '';
  const binaryPresent = inst.binaries[SYSBOX_RUNTIME];
  if (!isSysboxRuncPath(path)) {
    return check(
      'sysbox.runtime',
      true,
      'warn',
      'sysbox-runc points at something that is not the Sysbox binary',
      `Docker registers sysbox-runc at ${path || '(no path)'}, not at ${SYSBOX_RUNC_PATH}: a runtime name alone does not make this Sysbox.`,
      ev,
      {
        fix: {
          text: `Point the runtime at the installed Sysbox binary in ${HOST_PATHS.daemonJson}, then reload Docker.`,
          commands: [...writeDaemonJsonCommands(merged.text, f?.daemonJson.state === 'ok'), 'sudo systemctl reload docker'],
          json: merged.text,
        },
      },
    );
  }
  if (binaryPresent !== true) {
    return check(
      'sysbox.runtime',
      true,
      binaryPresent === false ? 'warn' : 'unknown',
      binaryPresent === false ? 'sysbox-runc is registered, but its binary is missing' : 'sysbox-runc is registered; its binary could not be checked',
      binaryPresent === false
        ? `Docker registers sysbox-runc at ${path}, but there is no ${SYSBOX_RUNC_PATH} on the host.`
        : `Docker registers sysbox-runc at ${path}; ${typeof binaryPresent === 'string' ? binaryPresent : NO_FILES}.`,
      ev,
      { docs: DOCS.sysboxInstall },
    );
  }
  return check('sysbox.runtime', true, 'pass', 'sysbox-runc is registered with Docker', `Docker runs sysbox-runc from ${path}, the installed Sysbox binary.`, ev);
}

export const sysboxRuntimeCheck: HostCheck = { id: 'sysbox.runtime', evaluate: (ctx) => sysboxRuntime(ctx.snapshot, ctx.install, ctx.daemonJson) };
