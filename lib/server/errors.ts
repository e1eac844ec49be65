/** Errors the API layer knows how to present. Anything else becomes a generic 500. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'rate_limited'
  | 'docker_unreachable'
  | 'docker_error'
  | 'config_error'
  | 'kasm_not_configured'
  | 'kasm_unreachable'
  | 'kasm_auth'
  | 'kasm_error'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  docker_unreachable: 503,
  docker_error: 502,
  config_error: 503,
  kasm_not_configured: 503,
  // Kasm answered badly or not at all: a bad gateway, never our 500.
  kasm_unreachable: 502,
  kasm_auth: 502,
  kasm_error: 502,
  internal: 500,
};

export interface Issue {
  path: (string | number)[];
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

/** Docker could not be reached (no socket, refused, timed out, TLS failure, ...). */
export class DockerUnreachableError extends AppError {
  constructor(
    readonly hostId: string,
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super('docker_unreachable', `Docker is unreachable at ${endpoint}: ${reason}`, undefined, {
      host: hostId,
      endpoint,
      reason,
    });
    this.name = 'DockerUnreachableError';
  }
}

/** The message of every generic `internal` error: nothing internal leaks to the client. */
export const INTERNAL_MESSAGE = 'Internal error. The server log has the details.';

/**
 * The one describer of a thrown value. An AppError is already presentable and
 * comes back as it is. Anything else is a bug or a surprise: it is logged here,
 * once, with its cause (message and stack), and becomes a generic error
 * (`internal`, or the `fallback` a caller names, e.g. `docker_error` for a host
 * that answered something unexpected), so nothing is turned into a generic code
 * unseen.
 */
export function toAppError(err: unknown, where: string, fallback?: () => AppError): AppError {
  if (err instanceof AppError) return err;
  console.error(`[${where}] unexpected error:`, err);
  return fallback ? fallback() : new AppError('internal', INTERNAL_MESSAGE);
}

/** The errno code of a Node.js system error (`ENOENT`, `EACCES`, ...), or null. */
export function errnoCode(err: unknown): string | null {
  if (err === null || typeof err !== 'object' || !('code' in err)) return null;
  return typeof err.code === 'string' ? err.code : null;
}

/**
 * Why a file-system read failed, in a few words with the errno code. `hints`
 * replaces the text for codes the caller can explain better (e.g. ENOENT under
 * /proc/<pid>: the process is gone). The one describer of file-system errors
 * (lib/server/probe, containers/idmap-probe.ts, host-path.ts).
 */
export function describeFsError(err: unknown, hints: Partial<Record<string, string>> = {}): string {
  const code = errnoCode(err);
  const hint = code === null ? undefined : hints[code];
  if (hint !== undefined) return hint;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied [${code}] (run the dashboard as root to read it)`;
  if (code === 'EISDIR') return 'is a directory [EISDIR]';
  if (code === 'ENOTDIR') return 'a parent is not a directory [ENOTDIR]';
  if (code) return code;
  if (err instanceof Error) return err.message.slice(0, 200);
  if (err !== null && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message.slice(0, 200);
  return 'unknown error';
}

/** The texts of /proc/<pid>/{uid,gid}_map read failures (containers/idmap-probe.ts). */
const ID_MAP_DENIED = "permission denied (run the dashboard as root to read other processes' id maps)";
export const ID_MAP_HINTS: Partial<Record<string, string>> = {
  ENOENT: 'the process is gone (the container stopped or restarted since it was inspected)',
  EACCES: ID_MAP_DENIED,
  EPERM: ID_MAP_DENIED,
};
