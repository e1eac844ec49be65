/**
 * The hosts file (DASHBOARD_HOSTS_FILE): which Kasm agents one dashboard watches.
 * JSON or YAML; either a list of hosts or `{ hosts: [...] }`. Each host has an
 * `id`, a `name`, and either
 *   docker:    { host: "unix:///…" | "tcp://h:2376" | "ssh://user@h", tls?: {ca,cert,key}, sshKey? }
 *   dashboard: { url: "https://agent-3:3000", token | tokenFile }   (another instance of this dashboard)
 * and, for a Docker host whose files this process can see, `files: { root, proc? }`.
 *
 * Pure parsing (no fs): `parseHostsFile(text, fileName)` returns the hosts or
 * throws HostsFileError whose message names the entry and the field.
 */
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { HOST_ID_RE } from '@/lib/contracts/host-id';
import { DOCKER_HOST_RE } from './env';
import { parseJsonOrThrow } from '@/lib/kasm/json';

const absPath = z
  .string()
  .min(1)
  .refine((p) => path.isAbsolute(p), { message: 'must be an absolute path' });


const hostId = z.string().regex(HOST_ID_RE, 'must be lowercase letters, digits, - and _ (at most 63)');

const dockerSchema = z
  .object({
    host: z.string().refine((v) => DOCKER_HOST_RE.test(v), {
      message: 'must look like unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host',
    }),
    tls: z.object({ ca: absPath, cert: absPath, key: absPath }).strict().optional(),
    sshKey: absPath.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.tls && !d.host.startsWith('tcp://')) ctx.addIssue({ code: 'custom', path: ['tls'], message: 'tls is only for tcp:// hosts' });
    if (d.sshKey && !d.host.startsWith('ssh://')) ctx.addIssue({ code: 'custom', path: ['sshKey'], message: 'sshKey is only for ssh:// hosts' });
  });

const dashboardSchema = z
  .object({
    url: z
      .string()
      .refine((u) => /^https?:\/\/[^/\s]+\/?$/.test(u), { message: 'must be the base URL, like https://agent-3:3000' }),
    token: z.string().min(16, 'must be at least 16 characters').optional(),
    tokenFile: absPath.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.token === !d.tokenFile) ctx.addIssue({ code: 'custom', path: ['token'], message: 'give exactly one of token or tokenFile' });
  });

const hostEntrySchema = z
  .object({
    id: hostId,
    name: z.string().trim().min(1).max(100),
    docker: dockerSchema.optional(),
    dashboard: dashboardSchema.optional(),
    files: z.object({ root: absPath, proc: absPath.optional() }).strict().optional(),
  })
  .strict()
  .superRefine((h, ctx) => {
    if (!h.docker === !h.dashboard) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of docker or dashboard' });
    if (h.files && !h.docker) ctx.addIssue({ code: 'custom', path: ['files'], message: 'files is only for docker hosts' });
  });

const hostsFileSchema = z
  .preprocess((v) => (Array.isArray(v) ? { hosts: v } : v), z.object({ hosts: z.array(hostEntrySchema) }).strict())
  .transform((v) => v.hosts)
  .superRefine((hosts, ctx) => {
    if (hosts.length === 0) ctx.addIssue({ code: 'custom', path: ['hosts'], message: 'lists no hosts' });
    const seen = new Set<string>();
    hosts.forEach((h, i) => {
      if (seen.has(h.id)) ctx.addIssue({ code: 'custom', path: ['hosts', i, 'id'], message: `duplicate id "${h.id}"` });
      seen.add(h.id);
    });
  });

export type HostsFileEntry = z.infer<typeof hostEntrySchema>;

export class HostsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Hosts file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HostsFileError';
  }
}

function describePath(raw: unknown, issuePath: PropertyKey[]): string {
  // The schema accepts a list or { hosts: [...] }; report positions as hosts[i] (id "x").field
  const p = [...issuePath];
  if (p[0] === 'hosts') p.shift();
  const list = Array.isArray(raw) ? raw : (raw as { hosts?: unknown } | null)?.hosts;
  if (typeof p[0] !== 'number') return p.length ? p.map(String).join('.') : 'file';
  const i = p.shift() as number;
  const entry = Array.isArray(list) ? (list[i] as { id?: unknown } | undefined) : undefined;
  const id = entry && typeof entry.id === 'string' ? ` (id "${entry.id}")` : '';
  return `hosts[${i}]${id}${p.length ? `.${p.map(String).join('.')}` : ''}`;
}

export function parseHostsFile(text: string, fileName: string): HostsFileEntry[] {
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(fileName) ? parseYaml(text) : parseJsonOrThrow(text);
  } catch (err) {
    throw new HostsFileError(fileName, [`cannot be parsed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`]);
  }
  const r = hostsFileSchema.safeParse(raw);
  if (!r.success) {
    throw new HostsFileError(
      fileName,
      r.error.issues.slice(0, 20).map((i) => `${describePath(raw, i.path)}: ${i.message}`),
    );
  }
  return r.data;
}
