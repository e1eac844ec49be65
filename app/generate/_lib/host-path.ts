import 'server-only';
import type { HostPathResult } from '@/components/generate/host-path-facts';
import { AppError } from '@/lib/server/errors';
import { hostPathOf } from '@/lib/server/host-path';
import { HostPathError, judgeHostPath } from '@/lib/sysbox/host-path';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';

/**
 * The volume form's host folder as the host shows it (the same reading as GET
 * /api/v1/hosts/{host}/host-path), judged for the mapping's ids. Only for an
 * absolute path; a refused path ("..") or an unreadable host says why.
 */
export async function hostPathResult(host: string, hostPath: string, ids: { uid: number | null; gid: number | null }, kasmUser: KasmUserFact | null): Promise<HostPathResult> {
  const path = hostPath.trim();
  if (!path.startsWith('/')) return null;
  try {
    const fact = await hostPathOf(host, path);
    return { ok: true, hostPath: fact, notes: judgeHostPath(fact, ids, kasmUser) };
  } catch (err) {
    if (err instanceof AppError || err instanceof HostPathError) return { ok: false, message: err.message };
    console.error('[generate] host path unreadable', host, path, err);
    return { ok: false, message: 'the host folder could not be read (see the server log)' };
  }
}
