import 'server-only';
import fs from 'node:fs';
import { AppError } from '../errors';
import { getEnv, type Env } from '../env';

/**
 * How to reach Kasm's Developer API, from the one env module. null = the
 * feature is off (no KASM_URL). The secret lives only in this object and in
 * the request body sent to Kasm: it is never logged, shown or returned.
 */
export interface KasmConfig {
  /** Origin + path prefix of the Kasm web app, without a trailing slash. */
  url: string;
  apiKey: string;
  apiKeySecret: string;
  /** PEM of the CA that signed Kasm's certificate (KASM_CA_FILE); undefined = the system's CAs. */
  ca?: string;
  timeoutMs: number;
}

type KasmEnv = Pick<Env, 'KASM_URL' | 'KASM_API_KEY' | 'KASM_API_KEY_SECRET' | 'KASM_API_KEY_SECRET_FILE' | 'KASM_CA_FILE' | 'KASM_TIMEOUT_MS'>;

/** Whether the Kasm audit is turned on (KASM_URL set). */
export function kasmConfigured(env: KasmEnv = getEnv()): boolean {
  return env.KASM_URL !== undefined;
}

function readFile(variable: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new AppError('config_error', `${variable} ${file} cannot be read (${reason}).`);
  }
}

/** The config, reading KASM_API_KEY_SECRET_FILE and KASM_CA_FILE now (so a rotated secret or CA is picked up). */
export function kasmConfigFromEnv(env: KasmEnv = getEnv()): KasmConfig | null {
  if (env.KASM_URL === undefined) return null;
  if (env.KASM_API_KEY === undefined) throw new AppError('config_error', 'KASM_API_KEY is not set.');
  const secret =
    env.KASM_API_KEY_SECRET ?? (env.KASM_API_KEY_SECRET_FILE !== undefined ? readFile('KASM_API_KEY_SECRET_FILE', env.KASM_API_KEY_SECRET_FILE).trim() : '');
  if (secret === '') throw new AppError('config_error', 'The Kasm API key secret is empty (KASM_API_KEY_SECRET or KASM_API_KEY_SECRET_FILE).');
  const config: KasmConfig = {
    url: env.KASM_URL.replace(/\/+$/, ''),
    apiKey: env.KASM_API_KEY,
    apiKeySecret: secret,
    timeoutMs: env.KASM_TIMEOUT_MS,
  };
  if (env.KASM_CA_FILE !== undefined) config.ca = readFile('KASM_CA_FILE', env.KASM_CA_FILE);
  return config;
}
