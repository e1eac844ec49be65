/** /etc/subuid and /etc/subgid: `name:start:count` lines (subuid(5)); sysbox-mgr allocates container ID ranges from the "sysbox" line (nestybox/sysbox-mgr subidAlloc/subidAlloc.go). */
export interface SubidEntry {
  line: number;
  text: string;
  name: string;
  start: number;
  count: number;
}

export const SYSBOX_SUBID_MIN_COUNT = 65536;

export function parseSubid(text: string): SubidEntry[] {
  const out: SubidEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const m = /^([^:\s]+):(\d+):(\d+)$/.exec(t);
    if (!m) return;
    out.push({ line: i + 1, text: t, name: m[1] ?? '', start: Number(m[2]), count: Number(m[3]) });
  });
  return out;
}

export function sysboxEntries(text: string): SubidEntry[] {
  return parseSubid(text).filter((e) => e.name === 'sysbox');
}

/** The one usable sysbox range, or null when there is none or several. */
export function sysboxRange(text: string): { start: number; count: number } | null {
  const e = sysboxEntries(text);
  if (e.length !== 1 || !e[0]) return null;
  return { start: e[0].start, count: e[0].count };
}
