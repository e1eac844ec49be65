import { describeKeyPath, parseJson, type DuplicateKey } from '../kasm/json';
import { SYSBOX_RUNTIME } from './runtime';

/**
 * /etc/docker/daemon.json as the Sysbox installer leaves it (the sysbox-ce
 * package's postinst, nestybox/sysbox-pkgr: bip_subnet="172.20.0.1/16",
 * pool_subnet="172.25.0.0/16", and the runtime at /usr/bin/sysbox-runc):
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
  // The binary carries the runtime's name.
  return path === SYSBOX_RUNC_PATH || path === SYSBOX_RUNTIME;
}
export const SYSBOX_BIP = '172.20.0.1/16';
export const SYSBOX_ADDRESS_POOLS = [{ base: '172.25.0.0/16', size: 24 }];

export type JsonObject = { [key: string]: unknown };

export type DaemonJsonParse =
  | { ok: true; value: JsonObject; duplicates: DuplicateKey[] }
  | { ok: false; message: string; line: number | null; column: number | null };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Line and column (1-based) of a JSON.parse error. */
export function jsonErrorLocation(text: string, err: unknown): { line: number; column: number } | null {
  const msg = err instanceof Error ? err.message : '';
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(msg);
  let offset: number;
  if (pos) offset = Number(pos[1]);
  else if (/Unexpected end of JSON input/.test(msg)) offset = text.length;
  else return null;
  const before = text.slice(0, Math.min(offset, text.length)).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** An empty file is `{}` to dockerd; anything but an object is invalid. */
export function parseDaemonJson(text: string): DaemonJsonParse {
  if (text.trim() === '') return { ok: true, value: {}, duplicates: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorLocation(text, err);
    const reason = err instanceof Error ? err.message.split('\n')[0] ?? 'invalid JSON' : 'invalid JSON';
    return { ok: false, message: reason, line: at?.line ?? null, column: at?.column ?? null };
  }
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

/**
 * The recommended daemon.json: the admin's file plus what the Sysbox installer
 * sets. Keeps every other key; sets runtimes.sysbox-runc to the installed
 * binary; adds bip / default-address-pools only when absent (an admin's own
 * values are kept and reported). Pure: `currentText` null = no file.
 */
export function mergeSysboxDaemonJson(currentText: string | null): MergeResult {
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
  const json: JsonObject = { ...base };

  const runtimes: JsonObject = isObject(base.runtimes) ? { ...base.runtimes } : {};
  if (base.runtimes !== undefined && !isObject(base.runtimes)) {
    conflicts.push('"runtimes" is not an object; it is replaced by one that registers sysbox-runc.');
  }
  const existing = runtimes[SYSBOX_RUNTIME];
  if (isObject(existing)) {
    if (existing.path !== SYSBOX_RUNC_PATH) {
      conflicts.push(
        `"runtimes.sysbox-runc.path" is ${JSON.stringify(existing.path)}; set to ${SYSBOX_RUNC_PATH}, the binary the Sysbox package installs.`,
      );
    }
    runtimes[SYSBOX_RUNTIME] = { ...existing, path: SYSBOX_RUNC_PATH };
  } else {
    runtimes[SYSBOX_RUNTIME] = { path: SYSBOX_RUNC_PATH };
  }
  json.runtimes = runtimes;

  if (json.bip === undefined) json.bip = SYSBOX_BIP;
  else if (json.bip !== SYSBOX_BIP) {
    conflicts.push(`"bip" is ${JSON.stringify(json.bip)} (the installer uses ${SYSBOX_BIP}); yours is kept.`);
  }
  if (json['default-address-pools'] === undefined) json['default-address-pools'] = SYSBOX_ADDRESS_POOLS.map((p) => ({ ...p }));
  else if (JSON.stringify(json['default-address-pools']) !== JSON.stringify(SYSBOX_ADDRESS_POOLS)) {
    conflicts.push(
      `"default-address-pools" differs from the installer's ${JSON.stringify(SYSBOX_ADDRESS_POOLS)}; yours is kept.`,
    );
  }
  return { json, text: `${JSON.stringify(json, null, 2)}\n`, conflicts };
}

/** The line (1-based) of `"key"` in the file text, for evidence. */
export function lineOfKey(text: string, key: string): number | null {
  const i = text.split('\n').findIndex((l) => l.includes(`"${key}"`));
  return i < 0 ? null : i + 1;
}

/** The sysbox-runc runtime path configured in a parsed daemon.json, if any. */
export function sysboxRuntimeIn(value: JsonObject): { path: string | null } | null {
  const rt = isObject(value.runtimes) ? value.runtimes[SYSBOX_RUNTIME] : undefined;
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
