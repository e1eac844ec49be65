import { check, type Check } from '../check';
import {
  SYSBOX_ADDRESS_POOLS,
  SYSBOX_BIP,
  lineOfKey,
  mergeSysboxDaemonJson,
  parseDaemonJson,
  writeDaemonJsonCommands,
  type DaemonJsonParse,
} from '../daemon-json';
import type { HostFiles } from '../snapshot';
import type { HostCheck } from './context';
import { HOST_PATHS, NO_FILES, text, why } from './shared';

/** daemon.json parsed once per snapshot (read by sysbox.runtime, this check and facts.daemonJson). */
export function daemonJsonParse(f: HostFiles | null): DaemonJsonParse | null {
  const t = text(f?.daemonJson);
  return t === null ? null : parseDaemonJson(t);
}

function evaluateDaemonJson(f: HostFiles | null, parsed: DaemonJsonParse | null): Check {
  if (!f) return check('daemon-json', true, 'unknown', 'daemon.json: unknown', `Cannot read ${HOST_PATHS.daemonJson}: ${NO_FILES}.`, [NO_FILES]);
  const raw = text(f.daemonJson);
  const merged = mergeSysboxDaemonJson(raw);
  const fix = (t: string) => ({
    text: `${t} Write the recommended ${HOST_PATHS.daemonJson} (it keeps every other key of yours${merged.conflicts.length ? `; note: ${merged.conflicts.join(' ')}` : ''}), then restart Docker (running containers stop unless live-restore is on).`,
    commands: [...writeDaemonJsonCommands(merged.text, f.daemonJson.state === 'ok'), 'sudo systemctl restart docker'],
    json: merged.text,
  });
  if (f.daemonJson.state === 'error') {
    return check('daemon-json', true, 'unknown', 'daemon.json could not be read', why(f.daemonJson, HOST_PATHS.daemonJson), [
      why(f.daemonJson, HOST_PATHS.daemonJson),
    ]);
  }
  if (f.daemonJson.state === 'missing' || raw === null) {
    return check(
      'daemon-json',
      true,
      'warn',
      'There is no daemon.json',
      'The Sysbox installer writes one with the sysbox-runc runtime and network settings that keep Docker-in-Sysbox from overlapping the host’s networks.',
      [`${HOST_PATHS.daemonJson}: file not found`],
      { fix: fix('Create it.') },
    );
  }
  if (!parsed || !parsed.ok) {
    const where = parsed && parsed.line !== null ? `line ${parsed.line}, column ${parsed.column}` : 'an unknown position';
    const badLine = parsed && parsed.line !== null ? raw.split('\n')[parsed.line - 1] : undefined;
    return check(
      'daemon-json',
      true,
      'fail',
      'daemon.json is not valid JSON',
      `Docker refuses to start with this file: ${parsed ? parsed.message : 'invalid JSON'} at ${where}.`,
      [`${HOST_PATHS.daemonJson}: ${parsed ? parsed.message : 'invalid'} (${where})`, ...(badLine !== undefined ? [`line ${parsed?.line}: ${badLine}`] : [])],
      { fix: fix('Fix the syntax error.') },
    );
  }
  const v = parsed.value;
  const ev: string[] = [];
  for (const key of ['runtimes', 'bip', 'default-address-pools', 'userns-remap', 'default-runtime']) {
    if (v[key] !== undefined) ev.push(`line ${lineOfKey(raw, key) ?? '?'}: "${key}": ${JSON.stringify(v[key])}`);
  }
  // Docker started with the later value of a repeated key; the earlier one is silently lost. A warning: the
  // host runs, but not with what the file seems to say.
  if (parsed.duplicates.length > 0) {
    const names = parsed.duplicates.map((d) => `"${d.key}" (lines ${d.first.line} and ${d.line})`).join(', ');
    return check(
      'daemon-json',
      true,
      'warn',
      'daemon.json repeats a key',
      `${names}: Docker uses only the later value of a repeated key and silently drops the earlier one.`,
      [...ev, ...parsed.duplicates.map((d) => `line ${d.line}, column ${d.column}: "${d.key}" again (first at line ${d.first.line})`)],
      { fix: fix('Keep one value per key.') },
    );
  }
  const missing = ['bip', 'default-address-pools'].filter((k) => v[k] === undefined);
  if (missing.length > 0) {
    ev.push(...missing.map((k) => `"${k}": absent`));
    return check(
      'daemon-json',
      true,
      'warn',
      `daemon.json has no ${missing.join(' or ')}`,
      `The Sysbox installer sets "bip": "${SYSBOX_BIP}" and "default-address-pools": ${JSON.stringify(SYSBOX_ADDRESS_POOLS)} so that a Docker daemon inside a Sysbox container (which uses 172.17.0.0/16 itself) does not overlap the host’s networks.`,
      ev,
      { fix: fix('Add them.') },
    );
  }
  return check('daemon-json', true, 'pass', 'daemon.json is valid and sets the Sysbox networks', 'It parses and has bip and default-address-pools.', ev, {
    ...(merged.conflicts.length ? { fix: { text: `Differences from the installer’s values (kept): ${merged.conflicts.join(' ')}`, json: merged.text } } : {}),
  });
}

export const daemonJsonHostCheck: HostCheck = { id: 'daemon-json', evaluate: (ctx) => evaluateDaemonJson(ctx.files, ctx.daemonJson) };
