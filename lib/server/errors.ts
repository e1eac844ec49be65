/** Errors the API layer knows how to present. Anything else becomes a generic 500. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
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
