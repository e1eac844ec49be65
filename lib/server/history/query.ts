import 'server-only';
import { z } from 'zod';
import { AppError, toAppError } from '@/lib/server/errors';
import { CONTAINER_REF_RE } from '@/lib/sysbox/container-ref';
import { HOST_ID_RE } from '@/lib/contracts/host-id';
import { listAllHosts, type AnyHostConfig, type DashboardHostConfig } from '@/lib/server/hosts';
import { remoteGetParsed } from '@/lib/server/remote-dashboard';
import { failureKindSchema, historyListSchema, verdictSince, type HistoryList, type HistoryRecord, type VerdictRecord } from '@/lib/sysbox/history';
import { historyStore } from './index';
import type { HistoryQuery } from './store-sql';

/**
 * GET /api/v1/hosts/{host}/history and GET /api/v1/history (fleet):
 * `?kind=verdict|failure&since=<ISO time or epoch ms>&limit=1..1000&image=&user=&reason=&container=`
 * (+ `host=` on the fleet route). Newest first.
 */
const since = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    const t = /^\d{1,15}$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time (2026-01-31T12:00:00Z) or epoch milliseconds' });
      return z.NEVER;
    }
    return t;
  });

export const historyQuerySchema = z.object({
  kind: z.enum(['verdict', 'failure']).optional(),
  since: since.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  image: z.string().trim().min(1).max(300).optional(),
  user: z.string().trim().min(1).max(64).optional(),
  reason: failureKindSchema.optional(),
  container: z.string().regex(CONTAINER_REF_RE, 'must be a container id or name').optional(),
});
export type HistoryApiQuery = z.infer<typeof historyQuerySchema>;

export const fleetHistoryQuerySchema = historyQuerySchema.extend({
  host: z.string().regex(HOST_ID_RE, 'must be a host id').optional(),
});

function storeQuery(q: HistoryApiQuery, hosts: string[]): HistoryQuery {
  return { kind: q.kind, hosts, since: q.since, limit: q.limit, image: q.image, user: q.user, reason: q.reason, container: q.container };
}

/** The query as the remote dashboard takes it (the validated values, re-serialised). */
function remoteParams(q: HistoryApiQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'host') p.set(k, String(v));
  return p;
}

function localHistory(hostIds: string[], q: HistoryApiQuery): HistoryList {
  const store = historyStore();
  if (!store) throw new AppError('config_error', 'History is unavailable: the history store did not open (see the server log)');
  const items = store.query(storeQuery(q, hostIds));
  const out: HistoryList = { items, unavailable: [], facets: store.facets(hostIds) };
  if (store.readOnlyReason) out.note = `read-only: ${store.readOnlyReason}`;
  return out;
}

async function remoteHistory(host: DashboardHostConfig, q: HistoryApiQuery): Promise<HistoryList> {
  const r = await remoteGetParsed(host, '/api/v1/hosts/local/history', historyListSchema, remoteParams(q));
  return { ...r, items: r.items.map((i) => ({ ...i, host: host.id })) };
}

function withVerdictSince(list: HistoryList, hostId: string): HistoryList {
  const store = historyStore();
  if (!store) return list;
  const verdicts = store.query({ kind: 'verdict', hosts: [hostId], limit: 500 }).filter((r): r is VerdictRecord => r.kind === 'verdict');
  return { ...list, verdictSince: verdictSince(verdicts) };
}

/** History of one host (a dashboard host: relayed from its own /api/v1). */
export async function hostHistory(host: AnyHostConfig, q: HistoryApiQuery): Promise<HistoryList> {
  if (host.kind === 'dashboard') return remoteHistory(host, q);
  return withVerdictSince(localHistory([host.id], q), host.id);
}

/** History of every host (or one, `host=`), newest first; hosts that cannot answer are listed in `unavailable`. */
export async function fleetHistory(q: z.infer<typeof fleetHistoryQuerySchema>): Promise<HistoryList> {
  const hosts = listAllHosts().filter((h) => !q.host || h.id === q.host);
  if (q.host && hosts.length === 0) throw new AppError('not_found', `Unknown host "${q.host}"`);
  const dockerIds = hosts.filter((h) => h.kind === 'docker').map((h) => h.id);
  const remotes = hosts.filter((h): h is DashboardHostConfig => h.kind === 'dashboard');
  const unavailable: HistoryList['unavailable'] = [];
  let items: HistoryRecord[] = [];
  const facets = { images: new Set<string>(), users: new Set<string>(), reasons: new Set<string>() };
  const addFacets = (f: HistoryList['facets']) => {
    for (const v of f?.images ?? []) facets.images.add(v);
    for (const v of f?.users ?? []) facets.users.add(v);
    for (const v of f?.reasons ?? []) facets.reasons.add(v);
  };
  if (dockerIds.length > 0) {
    try {
      const local = localHistory(dockerIds, q);
      items = local.items;
      addFacets(local.facets);
    } catch (err) {
      const message = toAppError(err, 'history local').message;
      for (const id of dockerIds) unavailable.push({ host: id, message });
    }
  }
  const answers = await Promise.all(
    remotes.map(async (h) => {
      try {
        return { host: h.id, list: await remoteHistory(h, q), message: null };
      } catch (err) {
        return { host: h.id, list: null, message: toAppError(err, `history ${h.id}`).message };
      }
    }),
  );
  for (const a of answers) {
    if (a.list) {
      items = items.concat(a.list.items);
      addFacets(a.list.facets);
    } else unavailable.push({ host: a.host, message: a.message ?? 'unavailable' });
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    items: items.slice(0, q.limit),
    unavailable,
    facets: { images: sorted(facets.images), users: sorted(facets.users), reasons: sorted(facets.reasons) },
  };
}
