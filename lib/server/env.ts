/**
 * The one place that reads process.env: everything else calls `getEnv()` (the
 * validated environment, parsed once) from here. `parseEnv()` validates any
 * record (scripts/check-env.ts runs it before Next.js starts; unit tests feed it).
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
 * - DASHBOARD_PASSWORD        admin password (or DASHBOARD_PASSWORD_FILE, a file holding it)
 * - DASHBOARD_API_TOKEN       bearer token for scripts and monitoring (unset: tokens disabled)
 * - DASHBOARD_DATA_DIR        where the generated password's hash and the session key live
 *                             (default ~/.local/state/kasm-sysbox-dashboard, created 0700)
 * - DASHBOARD_SESSION_TTL_HOURS  login session lifetime (default 12)
 * - DASHBOARD_HISTORY_DIR       folder of history.sqlite (default DASHBOARD_DATA_DIR; one writing server per folder)
 * - DASHBOARD_HISTORY_DAYS      history (failed sessions, verdict timeline) kept for this many days (default 30)
 * - DASHBOARD_HISTORY_MAX_MB    and at most this many MB on disk, oldest dropped first (default 50)
 * - DASHBOARD_HISTORY_CHECK_SECONDS  re-check each host's verdict for the timeline every N s even when
 *                             nobody has a page open (default 60; 0 = only when someone looks)
 * - KASM_URL, KASM_API_KEY, KASM_API_KEY_SECRET | KASM_API_KEY_SECRET_FILE,
 *   KASM_CA_FILE, KASM_TIMEOUT_MS   the Kasm audit (lib/server/kasm/); off without KASM_URL
 * - DASHBOARD_TRUSTED_PROXIES    reverse proxies (addresses or CIDRs, comma-separated) whose
 *                             X-Forwarded-For/-Proto/-Host are believed; unset: none are
 * - DASHBOARD_PUBLIC_URL      the origin browsers use (e.g. https://dash.example.com) behind a proxy
 * - NODE_ENV            development | production | test (default production)
 *
 * This module has no server-only import so that scripts/check-env.ts can
 * import it outside Next.js.
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const DOCKER_HOST_RE = /^(unix:\/\/\/.+|tcp:\/\/[^/\s]+|ssh:\/\/[^/\s]+|npipe:\/\/.+)$/;

/** `10.0.0.0/8`, `::1`, `127.0.0.1` → { address, prefix, family }, or null when malformed. */
export function parseCidr(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', bits, extra] = entry.split('/');
  if (extra !== undefined) return null;
  const version = net.isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

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

/** Default DASHBOARD_DATA_DIR: per user, outside the checkout (README "Security"). */
export function defaultDataDir(): string {
  return path.join(os.homedir(), '.local', 'state', 'kasm-sysbox-dashboard');
}

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
    DASHBOARD_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(1024).optional(),
    DASHBOARD_PASSWORD_FILE: absPath.optional(),
    DASHBOARD_API_TOKEN: z
      .string()
      .trim()
      .min(24, 'must be at least 24 characters (e.g. `openssl rand -hex 32`)')
      .max(512)
      .refine((v) => /^[\x21-\x7e]+$/.test(v), { message: 'must be printable ASCII without spaces' })
      .optional(),
    DASHBOARD_DATA_DIR: absPath.default(defaultDataDir()),
    DASHBOARD_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
    // History store (lib/server/history): where, bounds, and the background verdict check.
    DASHBOARD_HISTORY_DIR: absPath.optional(),
    DASHBOARD_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    DASHBOARD_HISTORY_MAX_MB: z.coerce.number().int().min(1).max(100_000).default(50),
    DASHBOARD_HISTORY_CHECK_SECONDS: z.coerce
      .number()
      .int()
      .refine((n) => n === 0 || (n >= 5 && n <= 86_400), { message: 'must be 0 (off) or 5 to 86400' })
      .default(60),
    DASHBOARD_TRUSTED_PROXIES: z
      .string()
      .trim()
      .transform((v, ctx) => {
        const entries = v.split(/[\s,]+/).filter(Boolean);
        const bad = entries.filter((e) => parseCidr(e) === null);
        if (bad.length > 0) {
          ctx.addIssue({ code: 'custom', message: `not an IP address or CIDR: ${bad.join(', ')} (e.g. 127.0.0.1, 10.0.0.0/8, ::1)` });
          return z.NEVER;
        }
        return entries;
      })
      .optional(),
    DASHBOARD_PUBLIC_URL: z
      .string()
      .trim()
      .transform((v, ctx) => {
        let u: URL;
        try {
          u = new URL(v);
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a URL such as https://dash.example.com' });
          return z.NEVER;
        }
        if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) {
          ctx.addIssue({ code: 'custom', message: 'must be an http(s) origin without path, query or credentials, such as https://dash.example.com' });
          return z.NEVER;
        }
        return u.origin;
      })
      .optional(),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    // --- Kasm audit (issue #16): read-only Developer API of the Kasm web app ---
    KASM_URL: z
      .string()
      .trim()
      .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:' && new URL(v).username === '' && new URL(v).password === '', {
        message: 'must be the https:// URL of the Kasm web app, e.g. https://kasm.example.com (no credentials in it)',
      })
      .optional(),
    KASM_API_KEY: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .refine((v) => /^[\x21-\x7e]+$/.test(v), { message: 'must be printable ASCII without spaces' })
      .optional(),
    KASM_API_KEY_SECRET: z.string().trim().min(1).max(1024).optional(),
    KASM_API_KEY_SECRET_FILE: absPath.optional(),
    KASM_CA_FILE: absPath.optional(),
    KASM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    // --- end Kasm audit ---
  })
  .superRefine((e, ctx) => {
    // Kasm audit: a URL needs a key and exactly one way to give its secret.
    if (e.KASM_URL === undefined) return;
    if (e.KASM_API_KEY === undefined)
      ctx.addIssue({ code: 'custom', path: ['KASM_API_KEY'], message: 'is required when KASM_URL is set (Admin › Settings › Developers › Add API Key)' });
    if (e.KASM_API_KEY_SECRET === undefined && e.KASM_API_KEY_SECRET_FILE === undefined)
      ctx.addIssue({ code: 'custom', path: ['KASM_API_KEY_SECRET'], message: 'is required when KASM_URL is set (or KASM_API_KEY_SECRET_FILE)' });
    if (e.KASM_API_KEY_SECRET !== undefined && e.KASM_API_KEY_SECRET_FILE !== undefined)
      ctx.addIssue({ code: 'custom', path: ['KASM_API_KEY_SECRET_FILE'], message: 'set either KASM_API_KEY_SECRET or KASM_API_KEY_SECRET_FILE, not both' });
  })
  .transform((e) => ({
    ...e,
    HOST_PROC: e.HOST_PROC ?? path.join(e.HOST_ROOT, 'proc'),
  }));

const SECRET_VARS = new Set(['DASHBOARD_PASSWORD', 'DASHBOARD_API_TOKEN', 'KASM_API_KEY_SECRET']);

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
        // Never echo a secret back into a log.
        const given = SECRET_VARS.has(name) ? undefined : cleaned[name];
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
