import { describeKeyPath, isPlainObject, parseJson, parseJsonValue, type DuplicateKey } from '../kasm/json';

/**
 * /etc/docker/daemon.json as the Sysbox installer leaves it (domain.md §1.2):
 * the sysbox-runc runtime, plus `bip` and `default-address-pools` moved off
 * Docker's defaults so a Docker daemon inside a Sysbox container (which uses
 * 172.17.0.0/16 itself) does not overlap the host's networks.
 */
export const SYSBOX_RUNC_PATH = '/usr/bin/sysbox-runc';

/**
 * Is a runtime path from Docker's /info `Runtimes['sysbox-runc'].path` the
 * installed Sysbox binary? Docker records the path as daemon.json gives it; the
 * installer writes /usr/bin/sysbox-runc, and a bare "sysbox-runc" is looked up
 * on dockerd's PATH (which finds that same file). Anything else (like the
 * test sandbox's runc stand-in) is a runtime *named* sysbox-runc, not Sysbox.
 */
export function isSysboxRuncPath(path: string | null | undefined): boolean {
  return path === SYSBOX_RUNC_PATH || path === 'sysbox-runc';
}
export const SYSBOX_BIP = '172.20.0.1/16';
export const SYSBOX_ADDRESS_POOL = { base: '172.25.0.0/16', size: 24 };
export const SYSBOX_ADDRESS_POOLS = [SYSBOX_ADDRESS_POOL];

export type JsonObject = { [key: string]: unknown };

export type DaemonJsonParse =
  | { ok: true; value: JsonObject; duplicates: DuplicateKey[] }
  | { ok: false; message: string; line: number | null; column: number | null };

const isObject: (v: unknown) => v is JsonObject = isPlainObject;

/** An empty file is `{}` to dockerd; anything but an object is invalid. */
export function parseDaemonJson(text: string): DaemonJsonParse {
  if (text.trim() === '') return { ok: true, value: {}, duplicates: [] };
  const parsed = parseJsonValue(text);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (!isObject(value)) return { ok: false, message: 'the top level must be a JSON object { … }', line: 1, column: 1 };
  // JSON.parse (like dockerd's Go decoder) keeps the last of a repeated key; the strict parser names the repeats.
  const strict = parseJson(text);
  return { ok: true, value, duplicates: strict.ok ? strict.duplicates : [] };
}

export interface MergeResult {
  /** The recommended file as an object (every key of the admin's file kept). */
  json: JsonObject;
  /** The same, pretty-printed with a trailing newline: what to write to /etc/docker/daemon.json. */
  text: string;
  /** Where the admin's file differs from the installer's choice, and what the merge did about it. */
  conflicts: string[];
}

/** What the merge sets; the defaults are the Sysbox installer's choices (the daemon.json generator passes the admin's form). */
export interface SysboxDaemonJsonOptions {
  /** runtimes.sysbox-runc.path. */
  runtimePath?: string;
  /** bip and default-address-pools to add where absent, or false to leave both alone. */
  network?: { bip: string; addressPools: readonly { base: string; size: number }[] } | false;
}

/** Where the admin's file differs from what the merge sets, and what it did: the caller words it. */
export type SysboxKeyConflict =
  | { key: 'runtimes'; was: unknown }
  | { key: 'runtime-path'; was: unknown; now: string }
  | { key: 'bip'; kept: unknown; suggested: string }
  | { key: 'default-address-pools'; kept: unknown; suggested: readonly { base: string; size: number }[] };

/**
 * The one merge of the Sysbox keys into a parsed daemon.json: keeps every
 * other key (and every other runtime); sets runtimes.sysbox-runc.path,
 * keeping its other settings; adds bip / default-address-pools only when
 * absent (an admin's own values are kept and reported).
 */
export function mergeSysboxKeys(base: JsonObject, options: SysboxDaemonJsonOptions = {}): { json: JsonObject; conflicts: SysboxKeyConflict[] } {
  const runtimePath = options.runtimePath ?? SYSBOX_RUNC_PATH;
  const network = options.network ?? { bip: SYSBOX_BIP, addressPools: SYSBOX_ADDRESS_POOLS };
  const conflicts: SysboxKeyConflict[] = [];
  const json: JsonObject = { ...base };

  const runtimes: JsonObject = isObject(base.runtimes) ? { ...base.runtimes } : {};
  if (base.runtimes !== undefined && !isObject(base.runtimes)) conflicts.push({ key: 'runtimes', was: base.runtimes });
  const existing = runtimes['sysbox-runc'];
  if (isObject(existing)) {
    if (existing.path !== runtimePath) conflicts.push({ key: 'runtime-path', was: existing.path, now: runtimePath });
    runtimes['sysbox-runc'] = { ...existing, path: runtimePath };
  } else {
    runtimes['sysbox-runc'] = { path: runtimePath };
  }
  json.runtimes = runtimes;

  if (network !== false) {
    if (json.bip === undefined) json.bip = network.bip;
    else if (json.bip !== network.bip) conflicts.push({ key: 'bip', kept: json.bip, suggested: network.bip });
    if (json['default-address-pools'] === undefined) json['default-address-pools'] = network.addressPools.map((p) => ({ ...p }));
    else if (JSON.stringify(json['default-address-pools']) !== JSON.stringify(network.addressPools))
      conflicts.push({ key: 'default-address-pools', kept: json['default-address-pools'], suggested: network.addressPools });
  }
  return { json, conflicts };
}

/**
 * The recommended daemon.json: the admin's file plus what the Sysbox installer
 * sets (`mergeSysboxKeys`), with the differences worded for the Overview.
 * Pure: `currentText` null = no file.
 */
export function mergeSysboxDaemonJson(currentText: string | null, options: SysboxDaemonJsonOptions = {}): MergeResult {
  const conflicts: string[] = [];
  let base: JsonObject = {};
  if (currentText !== null) {
    const parsed = parseDaemonJson(currentText);
    if (parsed.ok) {
      base = parsed.value;
      for (const d of parsed.duplicates)
        conflicts.push(
          `"${describeKeyPath(d.path, d.key)}" appears twice (line ${d.first.line} and line ${d.line}): Docker uses only the later value, the earlier one is silently lost, and this recommendation keeps the later one too.`,
        );
    } else {
      const at = parsed.line !== null ? ` at line ${parsed.line}, column ${parsed.column}` : '';
      conflicts.push(
        `Your daemon.json is not valid JSON${at} (${parsed.message}); this recommendation starts from an empty file. Fix your file by hand if it held other settings.`,
      );
    }
  }
  const merged = mergeSysboxKeys(base, options);
  for (const c of merged.conflicts) {
    if (c.key === 'runtimes') conflicts.push('"runtimes" is not an object; it is replaced by one that registers sysbox-runc.');
    else if (c.key === 'runtime-path')
      conflicts.push(`"runtimes.sysbox-runc.path" is ${JSON.stringify(c.was)}; set to ${c.now}, the binary the Sysbox package installs.`);
    else if (c.key === 'bip') conflicts.push(`"bip" is ${JSON.stringify(c.kept)} (the installer uses ${c.suggested}); yours is kept.`);
    else conflicts.push(`"default-address-pools" differs from the installer's ${JSON.stringify(c.suggested)}; yours is kept.`);
  }
  const json = merged.json;
  return { json, text: `${JSON.stringify(json, null, 2)}\n`, conflicts };
}

/** The line (1-based) of `"key"` in the file text, for evidence. */
export function lineOfKey(text: string, key: string): number | null {
  const i = text.split('\n').findIndex((l) => l.includes(`"${key}"`));
  return i < 0 ? null : i + 1;
}

/** The sysbox-runc runtime path configured in a parsed daemon.json, if any. */
export function sysboxRuntimeIn(value: JsonObject): { path: string | null } | null {
  const rt = isObject(value.runtimes) ? value.runtimes['sysbox-runc'] : undefined;
  if (!isObject(rt)) return null;
  return { path: typeof rt.path === 'string' ? rt.path : null };
}

/**
 * Shell lines that back up the current file (when there is one) and write
 * `text` to /etc/docker/daemon.json with a quoted heredoc (no expansion).
 */
export function writeDaemonJsonCommands(text: string, fileExists: boolean, path = '/etc/docker/daemon.json'): string[] {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return [
    ...(fileExists ? [`sudo cp -a ${path} ${path}.bak`] : []),
    `sudo tee ${path} >/dev/null <<'EOF'\n${body}EOF`,
  ];
}
