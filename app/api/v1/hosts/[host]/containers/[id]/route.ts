import { z } from 'zod';
import { CONTAINER_REF_RE } from '@/lib/sysbox/container-ref';
import { containerOf, requireHost } from '@/lib/server/fleet';
import { hostParam, route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

const params = hostParam.extend({
  id: z.string().regex(CONTAINER_REF_RE, 'a container id or name: letters, digits, _ . - (up to 128)'),
});

export const GET = route({ params }, async ({ params: p }) => containerOf(requireHost(p.host), p.id));
