/**
 * The one place that reads process.env. Everything else imports `env` from here.
 *
 * Variables (see README "Configuration"):
 * - DOCKER_HOST        Docker CLI convention: unix:///path, tcp://host:port, ssh://user@host
 * - DOCKER_TLS_VERIFY  "1" to use TLS for tcp:// (with DOCKER_CERT_PATH)
 * - DOCKER_CERT_PATH   folder with ca.pem, cert.pem, key.pem
 * - DOCKER_TIMEOUT_MS  per-request timeout towards Docker (default 5000)
 * - HOST_ROOT          where the host's / is visible (default /)
 * - HOST_PROC          the host's /proc (default $HOST_ROOT/proc)
 * - PORT               HTTP port (default 3000)
 * - HOSTNAME           bind address (default 127.0.0.1)
 * - DASHBOARD_HOSTS_FILE  JSON or YAML list of Docker hosts / dashboards to watch (see lib/server/hosts-file.ts)
 *
 * This module has no server-only import so that the start script can validate
 * the environment before Next.js starts.
 */
import path from 'node:path';
import { z } from 'zod';

export const DOCKER_HOST_RE = /^(unix:\/\/\/.+|tcp:\/\/[^/\s]+|ssh:\/\/[^/\s]+|npipe:\/\/.+)$/;

const boolish = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const s = v.toLowerCase();
    if (s === '' || s === '0' || s === 'false' || s === 'no') return false;
    if (s === '1' || s === 'true' || s === 'yes') return true;
    ctx.addIssue({ code: 'custom', message: `expected 1/0/true/false, got "${v}"` });
    return z.NEVER;
  });

const absPath = z
  .string()
  .trim()
  .min(1)
  .refine((p) => path.isAbsolute(p), { message: 'must be an absolute path' });

export const envSchema = z
  .object({
    DOCKER_HOST: z
      .string()
      .trim()
      .default('unix:///var/run/docker.sock')
      .refine((v) => DOCKER_HOST_RE.test(v), {
        message: 'must look like unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host',
      }),
    DOCKER_TLS_VERIFY: boolish.optional(),
    DOCKER_CERT_PATH: absPath.optional(),
    DOCKER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
    HOST_ROOT: absPath.default('/'),
    HOST_PROC: absPath.optional(),
    PORT: z
      .string()
      .trim()
      .default('3000')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
        message: 'must be a whole number from 1 to 65535',
      })
      .transform(Number),
    DASHBOARD_HOSTS_FILE: absPath.optional(),
    HOSTNAME: z
      .string()
      .trim()
      .default('127.0.0.1')
      .refine((v) => /^[A-Za-z0-9.:[\]-]+$/.test(v) && v.length <= 253, {
        message: 'must be an IP address or host name to bind to',
      }),
  })
  .transform((e) => ({
    ...e,
    HOST_PROC: e.HOST_PROC ?? path.join(e.HOST_ROOT, 'proc'),
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment record; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as "not set", as shells often export VAR= by accident.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.in.shape)) {
    const v = source[key];
    if (v !== undefined && v !== '') cleaned[key] = v;
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => {
        const name = String(i.path[0] ?? 'environment');
        const given = cleaned[name];
        return `${name}: ${i.message}${given !== undefined ? ` (got "${given}")` : ''}`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
