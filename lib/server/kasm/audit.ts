import 'server-only';
import { auditDeployment, type KasmAudit } from '@/lib/kasm/audit';
import type { KasmUserFact } from '@/lib/sysbox/kasm-user';
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

/** kasm-user on the host, as its status publishes it (`facts.kasmUser`, the one evaluator of issue #11). */
export function kasmUserOf(status: HostStatus): KasmUserFact {
  return status.facts.kasmUser;
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
