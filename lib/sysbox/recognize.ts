import type { KasmInfo } from './container-schema';

/** Session containers are named `<user, up to 12 chars>_<8 hex>` by the Kasm agent. */
const SESSION_NAME_RE = /^(.{1,12})_([0-9a-f]{8})$/;
export const KASM_SESSION_LABEL = 'kasm.kasmid';

/**
 * Which kind of Kasm container this is, from its name and labels:
 * label kasm.kasmid = a Workspace session (user from the name prefix);
 * name kasm_* = one of Kasm's own services (agent, proxy, db, ...); else null.
 */
export function recognizeKasm(name: string, labels: Readonly<Record<string, string>>): KasmInfo {
  const kasmId = labels[KASM_SESSION_LABEL];
  if (kasmId !== undefined) {
    const m = SESSION_NAME_RE.exec(name);
    const info: KasmInfo = { kind: 'session', kasmId };
    if (m?.[1]) info.user = m[1];
    return info;
  }
  if (name.startsWith('kasm_')) return { kind: 'service' };
  return { kind: null };
}
