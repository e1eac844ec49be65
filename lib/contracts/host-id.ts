/**
 * A host's id, as hosts-file ids, `?host=` and `/api/v1/hosts/{host}` use it:
 * lowercase letters, digits, - and _, at most 63. The one pattern, shared by
 * the server and the browser (no zod here, so a client component can use it).
 */
export const HOST_ID_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The host a `?host=` value names: itself when it is a host id, else `local`. */
export function hostIdOrLocal(host: unknown): string {
  return typeof host === 'string' && HOST_ID_RE.test(host) ? host : 'local';
}
