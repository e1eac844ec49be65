import { isPlainObject } from './json';
import { sorted, startLint } from './lint-findings';
import type { Finding } from './output';
import { unbalancedQuoteAt } from './shell';

const HOOKS = new Set(['first_launch', 'assign', 'go']);
const HOOK_KEYS = new Set(['user', 'cmd', 'environment']);

/** Findings for a pasted Docker Exec Config. */
export function lintExecConfig(text: string): Finding[] {
  const start = startLint(text, 'warning');
  if (Array.isArray(start)) return start;
  const { f, value: ec } = start;
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

