import { SYSBOX_RUNTIME } from '@/lib/sysbox/runtime';
import { DOCKER_PY_RUN_KWARGS, kasmOverriddenReason, misplacedReason, notRunReason } from './docker-py';
import { isPlainObject } from './json';
import { show, sorted, startLint } from './lint-findings';
import type { Finding } from './output';
import { sysboxIncompatibility } from './run-config';

export interface RunConfigLintOptions {
  /** The other level's run_config (the group's when linting a Workspace's), to explain clashes. */
  group?: Record<string, unknown> | null;
}

/** Findings for a pasted Docker Run Config Override / group run_config. */
export function lintRunConfig(text: string, opts: RunConfigLintOptions = {}): Finding[] {
  const start = startLint(text, 'error');
  if (Array.isArray(start)) return start;
  const { f, value: rc } = start;
  if (!isPlainObject(rc)) {
    f.add('type.not-object', 'error', `A run_config must be a JSON object of docker-py run arguments, not ${Array.isArray(rc) ? 'an array' : show(rc)}.`);
    return f.list;
  }
  const sysbox = rc.runtime === SYSBOX_RUNTIME;
  for (const [key, value] of Object.entries(rc)) {
    const path = [key];
    const overridden = kasmOverriddenReason(key);
    if (overridden) f.add(`kasm.overridden.${key}`, 'warning', `"${key}" has no effect: ${overridden}.`, path);
    const misplaced = misplacedReason(key);
    const notRun = notRunReason(key);
    if (misplaced) f.add(`misplaced.${key}`, 'error', `"${key}" ${misplaced}; in a run_config docker-py rejects it and the session fails to start.`, path);
    else if (notRun) f.add(`unknown.${key}`, 'error', `"${key}": ${notRun}.`, path);
    else if (!DOCKER_PY_RUN_KWARGS.has(key))
      f.add(`unknown.${key}`, 'error', `"${key}" is not a docker-py run argument: the session fails to start (TypeError).`, path);
    const breaks = sysboxIncompatibility(key, value);
    if (breaks) f.add(`sysbox.${key}`, sysbox ? 'error' : 'warning', `${sysbox ? '' : 'Under Sysbox: '}${breaks}.`, path);
  }
  // docker-py's HostConfig copies a truthy `privileged` as is (`if privileged: self['Privileged'] = privileged`);
  // Docker's API then refuses a non-boolean (json: cannot unmarshal ... of type bool): the session fails to start.
  if (rc.privileged !== undefined && typeof rc.privileged !== 'boolean') {
    if (!rc.privileged)
      f.add('type.privileged', 'warning', `"privileged": ${show(rc.privileged)} is not a boolean; docker-py drops it as falsy (not privileged): write false.`, ['privileged']);
    else
      f.add(
        typeof rc.privileged === 'string' ? 'type.privileged-string' : 'type.privileged',
        'error',
        `"privileged": ${show(rc.privileged)} is not a boolean; docker-py passes it to Docker, which rejects it: the session fails to start. Write true or false.`,
        ['privileged'],
      );
  }
  // docker-py HostConfig: ulimits must be a list, each item Ulimit(**item): name a string, soft/hard integers (docker/types/containers.py).
  if (rc.ulimits !== undefined && rc.ulimits !== null) {
    if (!Array.isArray(rc.ulimits))
      f.add('type.ulimits', 'error', 'ulimits must be a list of {"name": "nofile", "soft": 1024, "hard": 2048}: docker-py refuses anything else and the session fails to start.', ['ulimits']);
    else
      rc.ulimits.forEach((u, i) => {
        if (!isPlainObject(u)) {
          f.add('type.ulimit', 'error', `ulimits[${i}] must be an object {"name", "soft", "hard"}, not ${show(u)}.`, ['ulimits', i]);
          return;
        }
        const name = Object.hasOwn(u, 'name') ? u.name : u.Name;
        if (typeof name !== 'string') f.add('type.ulimit', 'error', `ulimits[${i}].name must be a string (e.g. "nofile"): docker-py raises "Ulimit.name must be a string".`, ['ulimits', i]);
        for (const k of ['soft', 'hard'] as const) {
          const v = Object.hasOwn(u, k) ? u[k] : u[k === 'soft' ? 'Soft' : 'Hard'];
          if (v !== undefined && v !== null && v !== 0 && !Number.isInteger(v))
            f.add('type.ulimit', 'error', `ulimits[${i}].${k} must be an integer, not ${show(v)}: docker-py raises "Ulimit.${k} must be an integer".`, ['ulimits', i, k]);
        }
        for (const k of Object.keys(u))
          if (!['name', 'soft', 'hard', 'Name', 'Soft', 'Hard'].includes(k))
            f.add('ulimit.unknown-key', 'warning', `ulimits[${i}].${k} is ignored: a ulimit has only name, soft and hard.`, ['ulimits', i, k]);
      });
  }
  if (Array.isArray(rc.security_opt)) {
    rc.security_opt.forEach((o, i) => {
      if (typeof o === 'string' && /^apparmor[=:]unconfined$/.test(o))
        f.add('sysbox.apparmor', 'info', `security_opt "${o}" is not needed under Sysbox.`, ['security_opt', i]);
    });
  } else if (rc.security_opt !== undefined) f.add('type.security_opt', 'error', 'security_opt must be a list of strings.', ['security_opt']);
  if (rc.devices !== undefined) {
    if (!Array.isArray(rc.devices)) f.add('type.devices', 'error', 'devices must be a list of "host:container:perms" strings.', ['devices']);
    else
      rc.devices.forEach((d, i) => {
        if (typeof d !== 'string') {
          f.add('type.device', 'error', `devices[${i}] must be a string.`, ['devices', i]);
          return;
        }
        const [host = '', container, perms] = d.split(':');
        if (!host.startsWith('/')) f.add('devices.no-slash', 'error', `Device "${d}": the host path must start with "/" (did you mean "/${host}"?).`, ['devices', i]);
        if (container !== undefined && container !== '' && !container.startsWith('/'))
          f.add('devices.no-slash', 'error', `Device "${d}": the container path must start with "/".`, ['devices', i]);
        if (perms !== undefined && !/^[rwm]{1,3}$/.test(perms))
          f.add('devices.perms', 'error', `Device "${d}": permissions must be a combination of r, w, m (got "${perms}").`, ['devices', i]);
        // Only NVIDIA GPUs are incompatible with Sysbox; /dev/dri (DRI3, open-source drivers) works (Kasm's Sysbox guide, https://kasmweb.com/docs/latest/how_to/sysbox_runtime.html).
        if (sysbox && host.startsWith('/dev/nvidia'))
          f.add('sysbox.gpu', 'error', `Device "${d}": NVIDIA GPUs do not work under Sysbox; run this Workspace without "runtime": "sysbox-runc" or without the GPU.`, ['devices', i]);
        else if (sysbox && (host === '/dev/dri' || host.startsWith('/dev/dri/')))
          f.add('sysbox.dri', 'info', `Device "${d}": /dev/dri works under Sysbox (DRI3 with the open-source Intel/AMD drivers, per Kasm's Sysbox guide); inside the container it shows as owned by nobody.`, ['devices', i]);
        else if (sysbox) f.add('sysbox.devices', 'warning', `Device "${d}": under Sysbox host devices appear owned by nobody inside the container.`, ['devices', i]);
      });
  }
  if (rc.restart_policy !== undefined) {
    if (!isPlainObject(rc.restart_policy)) f.add('type.restart_policy', 'error', 'restart_policy must be an object {"Name": "...", "MaximumRetryCount": n}.', ['restart_policy']);
    else
      for (const k of Object.keys(rc.restart_policy))
        if (k !== 'Name' && k !== 'MaximumRetryCount')
          f.add(
            `misplaced.restart_policy.${k}`,
            'error',
            `"${k}" is nested inside restart_policy, where Docker ignores it${DOCKER_PY_RUN_KWARGS.has(k) ? ': move it to the top level of the run_config' : ''}.`,
            ['restart_policy', k],
          );
  }
  if (rc.user !== undefined && typeof rc.user !== 'number' && typeof rc.user !== 'string')
    f.add('type.user', 'error', `"user" must be a number or a string, not ${show(rc.user)}.`, ['user']);
  if (rc.environment !== undefined) {
    if (isPlainObject(rc.environment)) {
      for (const [k, v] of Object.entries(rc.environment))
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
          f.add('type.environment', 'error', `environment.${k} must be a string.`, ['environment', k]);
    } else if (Array.isArray(rc.environment)) {
      // docker-py sends a list as is: Docker's Env is a list of "KEY=value" strings.
      rc.environment.forEach((e, i) => {
        if (typeof e !== 'string') f.add('type.environment', 'error', `environment[${i}] must be a "KEY=value" string, not ${show(e)}.`, ['environment', i]);
      });
    } else f.add('type.environment', 'error', 'environment must be an object of strings (or a list of "KEY=value").', ['environment']);
  }
  const entry = Array.isArray(rc.entrypoint) ? rc.entrypoint[0] : typeof rc.entrypoint === 'string' ? rc.entrypoint.split(/\s+/)[0] : undefined;
  if (entry === '/sbin/init') {
    if (rc.user === undefined)
      f.add('sysbox.user-missing', 'error', 'entrypoint /sbin/init without "user": Kasm\'s default user "1000" is used and systemd cannot start. Add "user": 0.', ['entrypoint']);
    else if (rc.user !== 0 && rc.user !== '0' && rc.user !== 'root')
      f.add('sysbox.user-not-root', 'error', `entrypoint /sbin/init needs "user": 0, not ${show(rc.user)}.`, ['user']);
    if (!sysbox) f.add('sysbox.init-without-runtime', 'warning', 'entrypoint /sbin/init without "runtime": "sysbox-runc": systemd will not run in a plain container.', ['entrypoint']);
  }
  if (sysbox && entry === undefined)
    f.add('sysbox.no-init', 'info', 'runtime sysbox-runc without entrypoint ["/sbin/init"]: the image starts as usual (no systemd); add it with "user": 0 for root-level Workspaces.', ['runtime']);
  if (rc.runtime === undefined)
    f.add('sysbox.no-runtime', 'info', 'No "runtime": this Workspace runs under the default runtime, not Sysbox.');
  else if (typeof rc.runtime === 'string' && rc.runtime !== SYSBOX_RUNTIME && !/nvidia/i.test(rc.runtime))
    f.add('runtime.other', 'info', `runtime "${rc.runtime}" is not sysbox-runc.`, ['runtime']);
  if (rc.volumes !== undefined)
    f.add('kasm.volumes', 'info', 'run_config "volumes" wins over Volume Mappings on the same host path, and Kasm does not fix its ownership: prefer Volume Mappings.', ['volumes']);

  if (opts.group) {
    for (const [key, gv] of Object.entries(opts.group)) {
      if (!(key in rc)) continue;
      const wv = rc[key];
      if (key === 'environment' && isPlainObject(gv) && isPlainObject(wv)) {
        const both = Object.keys(gv).filter((k) => k in wv && gv[k] !== wv[k]);
        if (both.length > 0)
          f.add('clash.environment', 'warning', `Group and Workspace both set ${both.join(', ')}: environment merges per variable and the group's value wins.`, ['environment']);
      } else if (JSON.stringify(gv) !== JSON.stringify(wv)) {
        f.add(
          `clash.${key}`,
          key === 'user' || key === 'runtime' || key === 'entrypoint' ? 'error' : 'warning',
          `Group run_config sets "${key}": ${show(gv)}, which replaces the Workspace's ${show(wv)} (the group wins per top-level key${Array.isArray(gv) ? '; lists are replaced, not merged' : ''}).`,
          [key],
        );
      }
    }
  }
  return sorted(f.list);
}
