import type { KasmDeployment, KasmGroup } from './deployment';
import { isPlainObject, parseJsonValue } from './json';

/**
 * How Kasm builds a session's Docker config from a Workspace and its groups
 * (Kasm 1.15): start from {"user": "1000"}, merge the Workspace's run_config,
 * then ONE group's run_config: "If a user belongs to multiple groups, the
 * setting on the group with the lowest priority takes effect. For settings
 * like volume_mapping, all settings are combined from all groups a user is a
 * member of" (Kasm's Group Settings guide,
 * https://kasmweb.com/docs/latest/guide/groups/group_settings.html). Per
 * top-level key, objects merge one level deep, everything else (lists
 * included) is replaced.
 */

/** The text the admin sees in Kasm's editor (and that line/column refer to): the string as stored, or 2-space JSON. */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (isPlainObject(value) && Object.keys(value).length === 0) return null;
  return JSON.stringify(value, null, 2);
}

/** Kasm's merge of one run_config over another: objects one level deep, everything else replaced. */
export function mergeRunConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const value = isPlainObject(b) && isPlainObject(v) ? { ...b, ...v } : v;
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export interface GroupView {
  group: KasmGroup;
  name: string;
  priority: number | null;
  runConfig: unknown;
  runConfigText: string | null;
  volumeMapping: unknown;
  volumeMappingText: string | null;
}

function settingValue(settings: KasmDeployment['groups'][number]['settings'], name: string): unknown {
  const s = settings.find((x) => x.name === name);
  if (!s || s.value === null || s.value === undefined) return null;
  if (typeof s.value !== 'string') return s.value;
  if (s.value.trim() === '') return null;
  // A setting that is not JSON is kept as the text Kasm holds, so the linters say where it breaks.
  const parsed = parseJsonValue(s.value);
  return parsed.ok ? parsed.value : s.value;
}

export function groupViews(d: KasmDeployment): GroupView[] {
  return d.groups.map(({ group, settings }) => {
    const runConfig = settingValue(settings, 'run_config');
    const volumeMapping = settingValue(settings, 'volume_mapping');
    return {
      group,
      name: group.name,
      priority: typeof group.priority === 'number' ? group.priority : null,
      runConfig,
      runConfigText: fieldText(runConfig),
      volumeMapping,
      volumeMappingText: fieldText(volumeMapping),
    };
  });
}

/** The group whose run_config Kasm merges for a user in every group: the lowest priority number that has one. */
export function winningGroup(groups: GroupView[]): GroupView | null {
  let best: GroupView | null = null;
  for (const g of groups) {
    if (!isPlainObject(g.runConfig) || Object.keys(g.runConfig).length === 0) continue;
    const p = g.priority ?? Number.POSITIVE_INFINITY;
    if (best === null || p < (best.priority ?? Number.POSITIVE_INFINITY)) best = g;
  }
  return best;
}
