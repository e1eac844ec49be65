import 'server-only';
import https from 'node:https';
import type { z } from 'zod';
import {
  getGroupsAnswerSchema,
  getImagesAnswerSchema,
  getSettingsGroupAnswerSchema,
  getStorageProvidersAnswerSchema,
  type KasmDeployment,
  type KasmGroup,
} from '@/lib/kasm/deployment';
import { AppError } from '../errors';
import type { KasmConfig } from './config';

/**
 * Kasm's Developer API, read side only (Kasm 1.15/1.16,
 * https://kasmweb.com/docs/1.16.0/developers/developer_api.html): every call is `POST <KASM_URL>/api/public/<verb>` with the API key
 * and secret in the JSON body. Errors often come back as HTTP 200 with
 * `{"error_message": "..."}`; a wrong key is 401/403.
 *
 * The dashboard is read-only towards Kasm: these four verbs are the only ones
 * this client will send (refused in code before any request is made, tested in
 * test/unit/kasm-client.test.ts), and nothing in the code base names a
 * write verb.
 */
export const KASM_READ_VERBS = ['get_images', 'get_groups', 'get_settings_group', 'get_storage_providers'] as const;
export type KasmReadVerb = (typeof KASM_READ_VERBS)[number];

export function isAllowedKasmVerb(verb: string): verb is KasmReadVerb {
  return (KASM_READ_VERBS as readonly string[]).includes(verb);
}

/**
 * The Kasm permission each verb needs. Keys are made under Settings › Developers › Add API Key and
 * have no permissions by default; the Permissions tab grants them, "Read Only" restricts the key
 * (https://kasmweb.com/docs/1.16.0/developers/developer_api.html, "API Keys", "Permissions").
 */
export const KASM_PERMISSIONS: Record<KasmReadVerb, string> = {
  get_images: 'Images View',
  get_groups: 'Groups View',
  get_settings_group: 'Groups View (and Groups View System for built-in groups such as All Users)',
  get_storage_providers: 'Storage Providers View',
};
export const ALL_KASM_PERMISSIONS = ['Images View', 'Groups View', 'Groups View System', 'Storage Providers View'] as const;

/** A failed Kasm call, as the API shows it: 502 with code kasm_unreachable | kasm_auth | kasm_error. */
export class KasmApiError extends AppError {
  constructor(
    code: 'kasm_unreachable' | 'kasm_auth' | 'kasm_error',
    message: string,
    readonly verb: KasmReadVerb,
  ) {
    super(code, message, undefined, { verb });
    this.name = 'KasmApiError';
  }
}

const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Never let the secret into a message, whatever Kasm echoes back. */
function redact(message: string, config: KasmConfig): string {
  return config.apiKeySecret.length >= 4 ? message.split(config.apiKeySecret).join('[secret]') : message;
}

function authHint(verb: KasmReadVerb): string {
  return `Check that KASM_API_KEY / KASM_API_KEY_SECRET belong to an enabled API key (Admin › Settings › Developers) and that it has the permission ${KASM_PERMISSIONS[verb]}; the audit needs ${ALL_KASM_PERMISSIONS.join(', ')}.`;
}

const AUTH_WORDS = /unauthori[sz]ed|forbidden|permission|not authori[sz]ed|access denied|invalid api|api key|credentials/i;

function networkReason(err: Error & { code?: string }): string {
  const code = err.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME_MISMATCH|ALTNAME/.test(code) || /certificate/i.test(err.message))
    return `its TLS certificate is not trusted (${code || err.message}); point KASM_CA_FILE at the PEM of the CA that signed it`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  if (code === 'ETIMEDOUT' || code === 'KASM_TIMEOUT') return 'no answer in time (KASM_TIMEOUT_MS)';
  return code || err.message;
}

/**
 * POST one read verb. Resolves with the parsed answer, or rejects with a
 * KasmApiError saying what went wrong (and which permission is probably
 * missing when Kasm refuses).
 */
export function kasmCall<S extends z.ZodType>(config: KasmConfig, verb: string, schema: S, extra: Record<string, unknown> = {}): Promise<z.infer<S>> {
  if (!isAllowedKasmVerb(verb))
    return Promise.reject(new AppError('forbidden', `Kasm API verb refused by the read-only allow-list: ${verb}`));
  const url = new URL(`${config.url}/api/public/${verb}`);
  const body = JSON.stringify({ ...extra, api_key: config.apiKey, api_key_secret: config.apiKeySecret });
  return new Promise<z.infer<S>>((resolve, reject) => {
    const fail = (code: 'kasm_unreachable' | 'kasm_auth' | 'kasm_error', message: string) =>
      reject(new KasmApiError(code, redact(message, config), verb));
    const req = https.request(
      url,
      {
        method: 'POST',
        ...(config.ca !== undefined ? { ca: config.ca } : {}),
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: config.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) {
            req.destroy();
            fail('kasm_error', `Kasm's answer to ${verb} is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB.`);
            return;
          }
          chunks.push(c);
        });
        res.on('error', (err) => fail('kasm_unreachable', `Kasm at ${config.url} broke off its answer to ${verb}: ${networkReason(err)}.`));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const raw = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(raw);
          } catch {
            json = undefined;
          }
          const errorMessage =
            json !== null && typeof json === 'object' && 'error_message' in json && typeof json.error_message === 'string' ? json.error_message : null;
          if (status === 401 || status === 403) {
            fail('kasm_auth', `Kasm refused the API key for ${verb} (HTTP ${status}${errorMessage ? `: ${errorMessage}` : ''}). ${authHint(verb)}`);
            return;
          }
          if (errorMessage !== null) {
            if (AUTH_WORDS.test(errorMessage)) fail('kasm_auth', `Kasm refused ${verb}: ${errorMessage}. ${authHint(verb)}`);
            else fail('kasm_error', `Kasm answered ${verb} with an error: ${errorMessage}`);
            return;
          }
          if (status < 200 || status >= 300) {
            fail('kasm_error', `Kasm answered ${verb} with HTTP ${status}; is KASM_URL (${config.url}) the Kasm web app?`);
            return;
          }
          if (json === undefined) {
            fail('kasm_error', `Kasm's answer to ${verb} is not JSON; is KASM_URL (${config.url}) the Kasm web app?`);
            return;
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            fail('kasm_error', `Kasm's answer to ${verb} has an unexpected shape${issue ? ` at ${issue.path.join('.') || 'the top level'}: ${issue.message}` : ''}.`);
            return;
          }
          resolve(parsed.data);
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'KASM_TIMEOUT' })));
    req.on('error', (err: Error & { code?: string }) => fail('kasm_unreachable', `Kasm is unreachable at ${config.url}: ${networkReason(err)}.`));
    req.end(body);
  });
}

/** All four reads: Workspaces, groups with their settings, storage providers. */
export async function fetchDeploymentUncached(config: KasmConfig, now: () => Date = () => new Date()): Promise<KasmDeployment> {
  const [images, groups, storage] = await Promise.all([
    kasmCall(config, 'get_images', getImagesAnswerSchema),
    kasmCall(config, 'get_groups', getGroupsAnswerSchema),
    kasmCall(config, 'get_storage_providers', getStorageProvidersAnswerSchema),
  ]);
  const withSettings = await Promise.all(
    groups.groups.map(async (group: KasmGroup) => ({
      group,
      settings: (await kasmCall(config, 'get_settings_group', getSettingsGroupAnswerSchema, { target_group: { group_id: group.group_id } })).settings,
    })),
  );
  return { fetchedAt: now().toISOString(), images: images.images, groups: withSettings, storageProviders: storage.storage_providers };
}

/** Results are reused for this long, and concurrent requests share the one in flight. */
export const KASM_CACHE_MS = 30_000;

interface CacheEntry {
  key: string;
  promise: Promise<KasmDeployment>;
  doneAt: number | null;
}
const globalForKasm = globalThis as unknown as { __ksdKasm?: Map<string, CacheEntry> };
const cache = (globalForKasm.__ksdKasm ??= new Map<string, CacheEntry>());

/** The deployment, cached for 30 s per Kasm URL + key; a failed read is not cached. */
export function fetchDeployment(config: KasmConfig, now: () => number = Date.now): Promise<KasmDeployment> {
  // The key holds no secret. A rotated secret is used from the next fetch (at most 30 s later).
  const key = `${config.url}\n${config.apiKey}`;
  const hit = cache.get(key);
  if (hit && (hit.doneAt === null || now() - hit.doneAt <= KASM_CACHE_MS)) return hit.promise;
  const entry: CacheEntry = { key, doneAt: null, promise: Promise.resolve() as unknown as Promise<KasmDeployment> };
  entry.promise = fetchDeploymentUncached(config).then((d) => {
    entry.doneAt = now();
    return d;
  });
  entry.promise.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  cache.set(key, entry);
  return entry.promise;
}

/** For tests: forget cached deployments. */
export function clearKasmCache(): void {
  cache.clear();
}
