import 'server-only';
import fs from 'node:fs';
import type { z } from 'zod';
import { getEnv } from './env';
import { AppError, errnoCode } from './errors';
import type { DashboardHostConfig } from './hosts';
import { CONTAINER_REF_PATTERN } from '@/lib/sysbox/container-ref';

/**
 * Reads another instance of this dashboard (a `dashboard` host of the hosts
 * file) through its /api/v1 with its API token. Only GETs of a fixed set of
 * paths of that instance's own `local` host; the token never leaves the server.
 */
const REMOTE_PATHS: RegExp[] = [
  /^\/api\/v1\/hosts\/local$/,
  /^\/api\/v1\/hosts\/local\/status$/,
  /^\/api\/v1\/hosts\/local\/history$/,
  /^\/api\/v1\/hosts\/local\/containers$/,
  new RegExp(`^/api/v1/hosts/local/containers/${CONTAINER_REF_PATTERN}$`),
];
const REMOTE_EVENTS_PATH = '/api/v1/hosts/local/events';

export class RemoteUnreachableError extends AppError {
  constructor(
    readonly hostId: string,
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super('docker_unreachable', `Dashboard at ${endpoint} is unreachable: ${reason}`, undefined, { host: hostId, endpoint, reason });
    this.name = 'RemoteUnreachableError';
  }
}

function token(host: DashboardHostConfig): string {
  if (host.dashboard.token) return host.dashboard.token;
  if (host.dashboard.tokenFile) {
    try {
      return fs.readFileSync(host.dashboard.tokenFile, 'utf8').trim();
    } catch (err) {
      throw new RemoteUnreachableError(host.id, host.dashboard.url, `cannot read tokenFile (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  throw new RemoteUnreachableError(host.id, host.dashboard.url, 'no token configured');
}

/**
 * Why a fetch of a remote dashboard failed: the timeout, else the network
 * error's code (undici puts it on `cause`: ECONNREFUSED, ENOTFOUND, ...). A
 * failure with no code is logged once here with its cause, then named by its
 * error name.
 */
function fetchFailure(err: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  if (err instanceof Error && err.name === 'AbortError') return 'request aborted';
  const cause = err instanceof Error ? err.cause : undefined;
  const code = errnoCode(cause);
  if (code !== null) return code;
  console.warn('[remote] request failed without an error code:', err);
  return err instanceof Error ? err.name : 'connection failed';
}

export async function remoteGet<T = unknown>(
  host: DashboardHostConfig,
  apiPath: string,
  query?: URLSearchParams,
): Promise<T> {
  if (!REMOTE_PATHS.some((re) => re.test(apiPath))) {
    throw new AppError('forbidden', `Remote dashboard path refused: ${apiPath}`);
  }
  const timeoutMs = host.dashboard.timeoutMs ?? getEnv().DOCKER_TIMEOUT_MS;
  const url = `${host.dashboard.url}${apiPath}${query && [...query.keys()].length ? `?${query.toString()}` : ''}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Authorization: `Bearer ${token(host)}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
      cache: 'no-store',
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new RemoteUnreachableError(host.id, host.dashboard.url, fetchFailure(err, timedOut, timeoutMs));
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new RemoteUnreachableError(host.id, host.dashboard.url, `answered HTTP ${res.status} without JSON`);
  }
  if (res.status === 401 || res.status === 403) {
    throw new RemoteUnreachableError(host.id, host.dashboard.url, `refused the API token (HTTP ${res.status})`);
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    if (res.status === 404) throw new AppError('not_found', e?.message ?? 'not found on the remote dashboard');
    if (res.status === 400 || res.status === 422) throw new AppError('bad_request', e?.message ?? 'rejected by the remote dashboard');
    if (res.status === 503) throw new RemoteUnreachableError(host.id, host.dashboard.url, e?.message ?? 'its Docker is unreachable');
    throw new RemoteUnreachableError(host.id, host.dashboard.url, `answered HTTP ${res.status}`);
  }
  return body as T;
}

/** remoteGet, then validate: a remote answering an unexpected shape is reported, not a 500. */
export async function remoteGetParsed<S extends z.ZodType>(
  host: DashboardHostConfig,
  apiPath: string,
  schema: S,
  query?: URLSearchParams,
): Promise<z.infer<S>> {
  const r = schema.safeParse(await remoteGet(host, apiPath, query));
  if (!r.success) {
    throw new RemoteUnreachableError(host.id, host.dashboard.url, `answered ${apiPath} with an unexpected shape (a different version?)`);
  }
  return r.data;
}

/**
 * Follows the remote dashboard's live event stream (GET /api/v1/hosts/local/events,
 * text/event-stream) and calls `onEvent` for each message. Resolves when the
 * stream ends, rejects when it cannot be opened or fails.
 */
export async function openRemoteEvents(
  host: DashboardHostConfig,
  signal: AbortSignal,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const timeoutMs = host.dashboard.timeoutMs ?? getEnv().DOCKER_TIMEOUT_MS;
  // The timeout bounds the wait for the answer's headers only: the stream itself stays open.
  const connect = new AbortController();
  const onAbort = () => connect.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connect.abort();
  }, timeoutMs);
  let res: Response;
  try {
    res = await fetch(`${host.dashboard.url}${REMOTE_EVENTS_PATH}`, {
      headers: { Authorization: `Bearer ${token(host)}`, Accept: 'text/event-stream' },
      signal: connect.signal,
      redirect: 'error',
      cache: 'no-store',
    });
  } catch (err) {
    signal.removeEventListener('abort', onAbort);
    if (err instanceof AppError) throw err;
    throw new RemoteUnreachableError(host.id, host.dashboard.url, fetchFailure(err, timedOut, timeoutMs));
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel();
    throw new RemoteUnreachableError(host.id, host.dashboard.url, `events answered HTTP ${res.status} ${res.headers.get('content-type') ?? ''}`.trim());
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let cut: number;
    while ((cut = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, cut);
      buffered = buffered.slice(cut + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, data.join('\n'));
    }
  }
}
