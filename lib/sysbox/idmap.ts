import type { IdMapEntry } from './container-schema';

/**
 * /proc/<pid>/uid_map and gid_map: one line per range, "inside outside length"
 * (whitespace-separated). Throws on anything else, naming the line.
 */
export function parseIdMap(text: string): IdMapEntry[] {
  const entries: IdMapEntry[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const parts = line.split(/\s+/);
    if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) {
      throw new Error(`id map line ${i + 1} is not "inside outside length": ${line.slice(0, 80)}`);
    }
    const [inside, outside, length] = parts.map(Number) as [number, number, number];
    if (length <= 0) throw new Error(`id map line ${i + 1} has length 0`);
    entries.push({ inside, outside, length });
  });
  if (entries.length === 0) throw new Error('id map is empty');
  return entries;
}

/** Host id of container id `id`: outside + (id - inside) for the range holding it; null when unmapped. */
export function mapToHost(map: readonly IdMapEntry[], id: number): number | null {
  for (const e of map) {
    if (id >= e.inside && id < e.inside + e.length) return e.outside + (id - e.inside);
  }
  return null;
}

/** The kernel's "no user namespace" map: 0 0 4294967295 (or any map where every id maps to itself). */
export function isIdentityMap(map: readonly IdMapEntry[]): boolean {
  return map.length > 0 && map.every((e) => e.inside === e.outside);
}

/** One id through a live map, e.g. "231072 + 1000 = 232072" for kasm-user under 0 231072 65536; null when unmapped. */
export function mappingArithmetic(map: readonly IdMapEntry[], id: number): string | null {
  const host = mapToHost(map, id);
  if (host === null) return null;
  const e = map.find((m) => id >= m.inside && id < m.inside + m.length);
  if (!e) return null;
  const offset = id - e.inside;
  return `${e.outside} + ${offset} = ${host}`;
}
