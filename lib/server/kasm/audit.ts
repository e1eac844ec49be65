import 'server-only';
import { auditDeployment, type KasmAudit } from '@/lib/kasm/audit';
import { kasmUserHostId } from '@/lib/kasm/ids';
import { kasmUserFactSchema, type KasmUserFact } from '@/lib/sysbox/kasm-user';
import type { HostStatus } from '@/lib/sysbox/status';
import { AppError } from '../errors';
import { requireHost, statusOf } from '../fleet';
import { fetchDeployment } from './client';
import { kasmConfigFromEnv, type KasmConfig } from './config';

const UNKNOWN: KasmUserFact = {
  uid: null,
  gid: null,
  rangeStart: { uid: null, gid: null },
  source: 'unknown',
  explanation: 'The host status could not be read.',
};

/**
 * kasm-user on the host, as the host status publishes it (`facts.kasmUser`,
 * issue #11). Interim until truth-core is merged: a status without it falls
 * back to the sysbox subuid/subgid lines it already carries (REMOVE at merge;
 * then only `facts.kasmUser` is read).
 */
export function kasmUserOf(status: HostStatus): KasmUserFact {
  const facts: Record<string, unknown> = status.facts;
  const published = kasmUserFactSchema.safeParse(facts.kasmUser);
  if (published.success) return published.data;
  const u = status.facts.subid.uid?.start ?? null;
  const g = status.facts.subid.gid?.start ?? null;
  if (u === null || g === null) return { ...UNKNOWN, explanation: 'The sysbox lines of /etc/subuid and /etc/subgid could not be read.' };
  return {
    uid: kasmUserHostId(u),
    gid: kasmUserHostId(g),
    rangeStart: { uid: u, gid: g },
    source: 'subuid',
    explanation: `From the sysbox lines of /etc/subuid and /etc/subgid (uid range starts at ${u}, gid at ${g}).`,
  };
}

/** GET /api/v1/kasm/workspaces: read Kasm (cached 30 s), read the host's kasm-user, audit. */
export async function auditKasmForHost(hostId: string, config: KasmConfig | null = kasmConfigFromEnv()): Promise<KasmAudit> {
  if (config === null)
    throw new AppError('kasm_not_configured', 'The Kasm audit is off: set KASM_URL, KASM_API_KEY and KASM_API_KEY_SECRET (README "Kasm audit").');
  const host = requireHost(hostId);
  const [deployment, kasmUser] = await Promise.all([
    fetchDeployment(config),
    statusOf(host).then(kasmUserOf, (err: unknown) => {
      // The audit stays useful without the host: uid/gid are then not judged, and the page says why.
      if (err instanceof AppError) return { ...UNKNOWN, explanation: `host ${host.name}: ${err.message}` };
      throw err;
    }),
  ]);
  return auditDeployment({ deployment, host: { id: host.id, name: host.name }, kasmUser });
}
