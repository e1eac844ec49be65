import { chownCommand, kasmUserSource, optInWarning, type KasmUserFact } from '@/lib/sysbox/kasm-user';
import { KASM_USER_ID, kasmUserFromStarts } from './ids';
import { isPlainObject } from './json';
import { show, sorted, startLint } from './lint-findings';
import type { Finding } from './output';
import { kasmVolumeMappingEntrySchema } from './volume-mapping';

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
  return opts.kasmUser ?? kasmUserFromStarts(opts, 'the sysbox subuid/subgid start given');
}

/** Findings for pasted Volume Mappings (JSON). */
export function lintVolumeMappings(text: string, opts: VolumeLintOptions = {}): Finding[] {
  const start = startLint(text, 'warning');
  if (Array.isArray(start)) return start;
  const { f, value: vm } = start;
  const ku = lintKasmUser(opts);
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
