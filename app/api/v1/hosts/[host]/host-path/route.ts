import { z } from 'zod';
import { hostPathOf } from '@/lib/server/host-path';
import { hostParam, route } from '@/lib/server/http';
import { kasmUserOfHost } from '@/lib/server/kasm-user';
import { judgeHostPath } from '@/lib/sysbox/host-path';

export const dynamic = 'force-dynamic';

const id = z.coerce.number().int().min(0).max(4294967294);
const query = z.object({
  path: z.string().min(1).max(1024),
  uid: id.optional(),
  gid: id.optional(),
});

/**
 * GET ?path=/srv/kasm/{username}&uid=&gid= → { hostPath, notes }: the volume
 * mapping's host folder (or its nearest existing parent, `{username}` and
 * `{user_id}` cut off) as seen under HOST_ROOT: filesystem type from the host's
 * mountinfo, owner from lstat; notes judge it for the mapping's uid/gid against
 * the host's facts.kasmUser. Unknown (never guessed) when the host's files are
 * not visible; `..` or a relative path is a 400.
 */
export const GET = route({ params: hostParam, query }, async ({ params, query: q }) => {
  const hostPath = await hostPathOf(params.host, q.path);
  const kasmUser = await kasmUserOfHost(params.host);
  return { hostPath, notes: judgeHostPath(hostPath, { uid: q.uid ?? null, gid: q.gid ?? null }, kasmUser) };
});
