import { DOCKER_PY_RUN_KWARGS, kasmOverriddenReason, misplacedReason, notRunReason } from './docker-py';
import { KASM_USER_ID } from './ids';
import { SYSBOX_RUNTIME } from '@/lib/sysbox/container-findings';
import { chownCommand, kasmUserFromRange, kasmUserSource, optInWarning, type KasmUserFact } from '../sysbox/kasm-user';
import { describeKeyPath, isPlainObject, parseJson, type DuplicateKey, type JsonPath, type Position } from './json';
import type { Finding, Severity } from './output';
import { sysboxIncompatibility } from './run-config';
import { kasmVolumeMappingEntrySchema } from './volume-mapping';
import { unbalancedQuoteAt } from './shell';

export const LINT_KINDS = ['run-config', 'exec-config', 'volume-mappings'] as const;
export type LintKind = (typeof LINT_KINDS)[number];

type Locate = (path: JsonPath) => Position | undefined;

class Findings {
  readonly list: Finding[] = [];
  constructor(private readonly locate: Locate) {}
  add(id: string, severity: Severity, message: string, path: JsonPath = []) {
    const at = this.locate(path);
    this.list.push(at ? { id, severity, message, line: at.line, column: at.column } : { id, severity, message });
  }
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function sorted(f: Finding[]): Finding[] {
  return [...f].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * A repeated key: the later value wins and the earlier is silently lost. An
 * error where that changes how the session starts (run_config), a warning
 * elsewhere (issue #11).
 */
export function duplicateKeyFindings(dups: DuplicateKey[], severity: Severity): Finding[] {
  return dups.map((d) => ({
    id: 'json.duplicate-key',
    severity,
    message: `"${describeKeyPath(d.path, d.key)}" appears twice (first at line ${d.first.line}, column ${d.first.column}): only this later value is used, the earlier one is silently lost.`,
    line: d.line,
    column: d.column,
  }));
}

/** Parse, or return the one finding that says where the JSON breaks. */
function parseOrFinding(text: string): { value: unknown; locate: Locate; duplicates: DuplicateKey[] } | Finding[] {
  if (text.trim() === '') return [{ id: 'json.empty', severity: 'info', message: 'Nothing to check: paste the JSON.' }];
  const parsed = parseJson(text);
  if (!parsed.ok)
    return [
      {
        id: 'json.syntax',
        severity: 'error',
        message: `Not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}. Kasm refuses to save it.`,
        line: parsed.line,
        column: parsed.column,
      },
    ];
  return { value: parsed.value, locate: parsed.positionOf, duplicates: parsed.duplicates };
}

const show = (v: unknown) => JSON.stringify(v) ?? String(v);

export interface RunConfigLintOptions {
  /** The other level's run_config (the group's when linting a Workspace's), to explain clashes. */
  group?: Record<string, unknown> | null;
}

/** Findings for a pasted Docker Run Config Override / group run_config. */
export function lintRunConfig(text: string, opts: RunConfigLintOptions = {}): Finding[] {
  const p = parseOrFinding(text);
  if (Array.isArray(p)) return p;
  const f = new Findings(p.locate);
  f.list.push(...duplicateKeyFindings(p.duplicates, 'error'));
  const rc = p.value;
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
        // Only NVIDIA GPUs are incompatible with Sysbox; /dev/dri (DRI3, open-source drivers) works (domain.md §4, Kasm's Sysbox guide).
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

const HOOKS = new Set(['first_launch', 'assign', 'go']);
const HOOK_KEYS = new Set(['user', 'cmd', 'environment']);

/** Findings for a pasted Docker Exec Config. */
export function lintExecConfig(text: string): Finding[] {
  const p = parseOrFinding(text);
  if (Array.isArray(p)) return p;
  const f = new Findings(p.locate);
  f.list.push(...duplicateKeyFindings(p.duplicates, 'warning'));
  const ec = p.value;
  if (!isPlainObject(ec)) {
    f.add('type.not-object', 'error', 'An exec_config must be a JSON object of hooks (first_launch, assign, go).');
    return f.list;
  }
  for (const [key, hook] of Object.entries(ec)) {
    if (!HOOKS.has(key)) {
      const why =
        key === 'cmd' || key === 'user'
          ? `"${key}" belongs inside a hook, e.g. {"first_launch": {"user": "root", "cmd": "..."}}`
          : key === 'environment'
            ? '"environment" belongs inside a hook; at the top level Kasm ignores it'
            : key === 'privileged' || key === 'shm_size'
              ? `"${key}" is a run_config setting, not an exec_config one`
              : `"${key}" is not a hook Kasm runs (it runs first_launch, assign and go); it is ignored`;
      f.add(`misplaced.${key}`, 'error', `${why}.`, [key]);
      continue;
    }
    if (!isPlainObject(hook)) {
      f.add('type.hook', 'error', `${key} must be an object {"user", "cmd", "environment"}.`, [key]);
      continue;
    }
    for (const k of Object.keys(hook))
      if (!HOOK_KEYS.has(k)) f.add(`hook.unknown.${k}`, 'warning', `${key}.${k} is not a hook setting Kasm is known to use (user, cmd, environment).`, [key, k]);
    if (typeof hook.cmd !== 'string' || hook.cmd.trim() === '') {
      f.add('hook.cmd', 'error', `${key} needs a "cmd" string.`, [key]);
      continue;
    }
    const cmd = hook.cmd;
    if (hook.user !== undefined && typeof hook.user !== 'string') f.add('type.hook-user', 'error', `${key}.user must be a string such as "root".`, [key, 'user']);
    if (hook.environment !== undefined && !isPlainObject(hook.environment)) f.add('type.hook-env', 'error', `${key}.environment must be an object of strings.`, [key, 'environment']);
    const q = unbalancedQuoteAt(cmd);
    if (q !== null) f.add('cmd.quotes', 'error', `${key}.cmd has an unclosed ${cmd[q] === "'" ? 'single' : 'double'} quote (character ${q + 1}): bash will fail.`, [key, 'cmd']);
    if (/\b(apt-get|apt|dnf|yum|zypper)\s+(-\S+\s+)*install\b/.test(cmd)) {
      if (!/\s-y\b|--yes|--assumeyes|--non-interactive|\s-n\b/.test(cmd))
        f.add('cmd.interactive', 'warning', `${key}.cmd installs packages without -y / --non-interactive: it waits for an answer forever.`, [key, 'cmd']);
      if (hook.user !== 'root') f.add('cmd.needs-root', 'error', `${key}.cmd installs packages but does not run as "user": "root".`, [key, 'user']);
    }
    if (/\/etc\/sudoers/.test(cmd) && hook.user !== 'root') f.add('cmd.needs-root', 'error', `${key}.cmd writes /etc/sudoers but does not run as "user": "root".`, [key, 'user']);
    if (key === 'first_launch' && /\/etc\/sudoers|install/.test(cmd) && !/desktop_ready/.test(cmd))
      f.add('cmd.no-wait', 'info', `${key}.cmd does not wait for /usr/bin/desktop_ready (the guide's hooks do).`, [key, 'cmd']);
  }
  return sorted(f.list);
}

/** Which keys an entry has, which it needs and what each must be: the generator's schema; only the words are the linter's. */
const ENTRY = kasmVolumeMappingEntrySchema.shape;
type EntryKey = keyof typeof ENTRY;
const ENTRY_KEYS = Object.keys(ENTRY) as EntryKey[];
const REQUIRED_ENTRY_KEYS = ENTRY_KEYS.filter((k) => !ENTRY[k].safeParse(undefined).success);
const isEntryKey = (k: string): k is EntryKey => Object.hasOwn(ENTRY, k);

/** Finding id and message for an entry value its schema refuses. */
function entryTypeFinding(k: EntryKey, v: unknown): [id: string, message: string] {
  switch (k) {
    case 'bind':
      return ['type.bind', `bind must be an absolute container path string, not ${show(v)}.`];
    case 'mode':
      return ['type.mode', `mode must be "rw" or "ro", not ${show(v)}.`];
    case 'uid':
    case 'gid':
      return typeof v === 'string'
        ? [`type.${k}-string`, `${k} ${show(v)} is a string; Kasm requires an integer here (only rclone storage configs use strings).`]
        : [`type.${k}`, `${k} must be a non-negative integer, not ${show(v)}.`];
    case 'required':
    case 'skip_check':
      return [`type.${k}`, `${k} must be true or false, not ${show(v)}.`];
    case 'timeout':
      return ['type.timeout', `timeout must be a number greater than 0, not ${show(v)}.`];
  }
}

export interface VolumeLintOptions {
  subuidStart?: number;
  subgidStart?: number;
  /** Whether Sysbox can ID-shift bind mounts on the host. */
  idShift?: 'yes' | 'no' | 'unknown';
  /** The host's facts.kasmUser (?host=): wins over subuidStart/subgidStart. */
  kasmUser?: KasmUserFact;
}

/** The kasm-user fact the lint judges against: the host's, else one from typed-in starts, else none. */
function lintKasmUser(opts: VolumeLintOptions): KasmUserFact | null {
  if (opts.kasmUser) return opts.kasmUser;
  if (opts.subuidStart === undefined && opts.subgidStart === undefined) return null;
  return kasmUserFromRange(opts.subuidStart ?? opts.subgidStart ?? null, opts.subgidStart ?? opts.subuidStart ?? null, 'the sysbox subuid/subgid start given');
}

/** Findings for pasted Volume Mappings (JSON). */
export function lintVolumeMappings(text: string, opts: VolumeLintOptions = {}): Finding[] {
  const p = parseOrFinding(text);
  if (Array.isArray(p)) return p;
  const f = new Findings(p.locate);
  f.list.push(...duplicateKeyFindings(p.duplicates, 'warning'));
  const ku = lintKasmUser(opts);
  const vm = p.value;
  if (!isPlainObject(vm)) {
    f.add(
      'type.not-object',
      'error',
      `Volume mappings must be an object keyed by host path, {"/host/path": {"bind": "/container/path", "mode": "rw", "uid": 1000, "gid": 1000}}, not ${Array.isArray(vm) ? 'a list' : show(vm)}.`,
    );
    return f.list;
  }
  if ('bind' in vm || 'mode' in vm)
    f.add('misplaced.entry', 'error', 'This looks like one entry without its host path: wrap it as {"/host/path": {...}}.', []);
  for (const [hostPath, e] of Object.entries(vm)) {
    if (!isPlainObject(e)) {
      if (hostPath !== 'bind' && hostPath !== 'mode') f.add('type.entry', 'error', `"${hostPath}" must map to an object with bind, mode, uid, gid.`, [hostPath]);
      continue;
    }
    if (!hostPath.startsWith('/')) f.add('path.host-relative', 'error', `Host path "${hostPath}" must be absolute.`, [hostPath]);
    for (const k of REQUIRED_ENTRY_KEYS)
      if (!(k in e)) f.add(`missing.${k}`, 'error', `"${hostPath}" has no "${k}": Kasm rejects the mapping.`, [hostPath]);
    for (const k of Object.keys(e)) if (!isEntryKey(k)) f.add(`unknown.${k}`, 'warning', `"${k}" is not a volume mapping setting; Kasm ignores it.`, [hostPath, k]);
    for (const k of ENTRY_KEYS) {
      const v = e[k];
      if (v === undefined || ENTRY[k].safeParse(v).success) continue;
      const [id, message] = entryTypeFinding(k, v);
      f.add(id, 'error', message, [hostPath, k]);
    }
    if (ku && typeof e.uid === 'number' && typeof e.gid === 'number') {
      if (e.uid === KASM_USER_ID && e.gid === KASM_USER_ID) f.add('sysbox.uid-1000', 'warning', optInWarning(ku, opts.idShift === 'no' ? false : opts.idShift === 'yes' ? true : null), [hostPath, 'uid']);
      else if (ku.uid !== null && ku.gid !== null && (e.uid !== ku.uid || e.gid !== ku.gid))
        f.add(
          'sysbox.ids-wrong',
          'warning',
          `uid/gid ${e.uid}/${e.gid} is not kasm-user on this host: kasm-user is host uid/gid ${ku.uid}/${ku.gid} (${kasmUserSource(ku)}), so it sees these files as nobody. Use ${ku.uid}/${ku.gid}.`,
          [hostPath, 'uid'],
        );
      else if (ku.source === 'per-container')
        f.add('sysbox.ids-per-container', 'warning', `uid/gid ${e.uid}/${e.gid} cannot fit every session here. ${ku.explanation}`, [hostPath, 'uid']);
    }
    if (ku && e.skip_check === true) {
      const cmd = chownCommand(ku, hostPath.replace(/\{(username|user_id)\}/g, '<$1>'));
      f.add(
        'sysbox.skip-check',
        'info',
        `skip_check also skips Kasm's chown of the host folder: under Sysbox chown it by hand${cmd ? `, e.g. ${cmd} (for each user's folder)` : " to kasm-user's host uid/gid"}.`,
        [hostPath, 'skip_check'],
      );
    }
  }
  return sorted(f.list);
}
