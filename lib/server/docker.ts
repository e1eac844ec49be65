import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import { getEnv } from './env';
import { AppError, DockerUnreachableError } from './errors';
import type { HostConfig } from './hosts';
import { countDockerRequest } from './metrics/registry';
import { CONTAINER_REF_PATTERN } from '@/lib/sysbox/container-ref';

/**
 * Read-only access to a Docker Engine. The dashboard never changes anything on
 * a Docker host: every request goes through `dockerGet`, which allows only GET
 * on the paths below. Exec, attach, archive, export and every non-GET are
 * refused here, in code, whatever a caller asks.
 */
const ALLOWED_PATHS: { endpoint: string; re: RegExp }[] = [
  { endpoint: '/_ping', re: /^\/_ping$/ },
  { endpoint: '/version', re: /^\/version$/ },
  { endpoint: '/info', re: /^\/info$/ },
  { endpoint: '/containers/json', re: /^\/containers\/json$/ },
  { endpoint: '/containers/{id}/json', re: new RegExp(`^/containers/${CONTAINER_REF_PATTERN}/json$`) },
  { endpoint: '/events', re: /^\/events$/ },
];

/** The allow-list pattern a GET path matches (its name, e.g. `/containers/{id}/json`), or null when refused. */
export function allowedDockerEndpoint(method: string, p: string): string | null {
  if (method !== 'GET') return null;
  return ALLOWED_PATHS.find((a) => a.re.test(p))?.endpoint ?? null;
}

export function isAllowedDockerPath(method: string, p: string): boolean {
  return allowedDockerEndpoint(method, p) !== null;
}

type Modem = Docker['modem'] & {
  dial: (
    options: {
      path: string;
      method: string;
      options?: Record<string, unknown>;
      statusCodes: Record<number, string | boolean>;
      isStream?: boolean;
      abortSignal?: AbortSignal;
    },
    cb: (err: unknown, data: unknown) => void,
  ) => void;
};

interface Client {
  modem: Modem;
  endpoint: string;
  signature: string;
}

const globalForDocker = globalThis as unknown as { __ksdDockerClients?: Map<string, Client> };
const clients = (globalForDocker.__ksdDockerClients ??= new Map<string, Client>());

function readCert(dir: string, file: string): Buffer {
  return fs.readFileSync(path.join(dir, file));
}

/** dockerode options for a Docker CLI style endpoint. */
export function dockerOptions(host: HostConfig, timeoutMs: number): Docker.DockerOptions {
  const url = host.docker.url;
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length), timeout: timeoutMs };
  const u = new URL(url);
  if (u.protocol === 'ssh:') {
    return {
      protocol: 'ssh',
      host: u.hostname,
      port: u.port ? Number(u.port) : 22,
      username: u.username || undefined,
      timeout: timeoutMs,
      sshOptions: host.docker.sshKey ? { privateKey: fs.readFileSync(host.docker.sshKey) } : {},
    };
  }
  const tls = host.docker.tlsVerify || u.port === '2376' || Boolean(host.docker.certPath) || Boolean(host.docker.tls);
  const opts: Docker.DockerOptions = {
    protocol: tls ? 'https' : 'http',
    host: u.hostname,
    port: u.port ? Number(u.port) : tls ? 2376 : 2375,
    timeout: timeoutMs,
  };
  if (host.docker.tls) {
    opts.ca = fs.readFileSync(host.docker.tls.ca);
    opts.cert = fs.readFileSync(host.docker.tls.cert);
    opts.key = fs.readFileSync(host.docker.tls.key);
  } else if (host.docker.certPath) {
    opts.ca = readCert(host.docker.certPath, 'ca.pem');
    opts.cert = readCert(host.docker.certPath, 'cert.pem');
    opts.key = readCert(host.docker.certPath, 'key.pem');
  }
  return opts;
}

function getClient(host: HostConfig): Client {
  const timeoutMs = host.docker.timeoutMs ?? getEnv().DOCKER_TIMEOUT_MS;
  const signature = JSON.stringify([host.docker, timeoutMs]);
  const existing = clients.get(host.id);
  if (existing && existing.signature === signature) return existing;
  let docker: Docker;
  try {
    docker = new Docker(dockerOptions(host, timeoutMs));
  } catch (err) {
    throw new DockerUnreachableError(host.id, host.docker.url, describeConnectionError(err));
  }
  const client: Client = { modem: docker.modem as Modem, endpoint: host.docker.url, signature };
  clients.set(host.id, client);
  return client;
}

const CONNECTION_CODES: Record<string, string> = {
  ENOENT: 'no Docker socket at that path',
  ECONNREFUSED: 'connection refused (is dockerd running?)',
  EACCES: 'permission denied on the Docker socket (run as root or in the docker group)',
  EPERM: 'permission denied on the Docker socket',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by the daemon',
  EHOSTUNREACH: 'host unreachable',
  ENOTFOUND: 'host name not found',
  EPIPE: 'connection closed by the daemon',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the host name',
};

function describeConnectionError(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown };
    if (typeof e.code === 'string' && CONNECTION_CODES[e.code]) return `${CONNECTION_CODES[e.code]} [${e.code}]`;
    if (typeof e.code === 'string') return e.code;
    if (typeof e.message === 'string') return e.message.slice(0, 200);
  }
  return 'unknown connection error';
}

export class DockerNotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found on this Docker host`);
  }
}

function isHttpError(err: unknown): err is { statusCode: number; json?: unknown; message: string } {
  return Boolean(err && typeof err === 'object' && typeof (err as { statusCode?: unknown }).statusCode === 'number');
}

export interface DockerGetOptions {
  query?: Record<string, unknown>;
  timeoutMs?: number;
  stream?: boolean;
}

/**
 * GET one allow-listed Docker Engine API path. Connection problems become
 * DockerUnreachableError; a 404 becomes DockerNotFoundError; other HTTP errors
 * become AppError('docker_error').
 */
export function dockerGet<T = unknown>(host: HostConfig, apiPath: string, opts: DockerGetOptions = {}): Promise<T> {
  const endpoint = allowedDockerEndpoint('GET', apiPath);
  if (endpoint === null) {
    return Promise.reject(new AppError('forbidden', `Docker API path refused by the read-only allow-list: ${apiPath}`));
  }
  let client: Client;
  try {
    client = getClient(host);
  } catch (err) {
    return Promise.reject(err);
  }
  const timeoutMs = opts.timeoutMs ?? host.docker.timeoutMs ?? getEnv().DOCKER_TIMEOUT_MS;
  countDockerRequest(host.id, endpoint);
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = opts.stream
      ? undefined
      : setTimeout(() => {
          if (settled) return;
          settled = true;
          controller.abort();
          reject(new DockerUnreachableError(host.id, client.endpoint, `no answer within ${timeoutMs} ms`));
        }, timeoutMs);
    const query = opts.query && Object.keys(opts.query).length > 0 ? opts.query : undefined;
    client.modem.dial(
      {
        path: query ? `${apiPath}?` : apiPath,
        method: 'GET',
        options: query ? { ...query } : {},
        statusCodes: { 200: true, 304: true, 400: 'bad parameter', 404: 'not found', 500: 'server error' },
        isStream: opts.stream,
        abortSignal: controller.signal,
      },
      (err, data) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        if (!err) return resolve(data as T);
        if (isHttpError(err)) {
          if (err.statusCode === 404) return reject(new DockerNotFoundError(apiPath.split('/')[2] ?? 'object'));
          return reject(
            new AppError('docker_error', `Docker answered ${err.statusCode} for GET ${apiPath}`, undefined, {
              host: host.id,
            }),
          );
        }
        reject(new DockerUnreachableError(host.id, client.endpoint, describeConnectionError(err)));
      },
    );
  });
}

/** Open the /events stream (for cache invalidation). The caller must destroy it. */
export function dockerEvents(host: HostConfig, filters: Record<string, string[]>): Promise<Readable> {
  return dockerGet<Readable>(host, '/events', { query: { filters }, stream: true });
}
