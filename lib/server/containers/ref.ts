/**
 * A container reference: a full or short id (hex), or a name. Docker accepts
 * names of moby's RestrictedNameChars, `[a-zA-Z0-9][a-zA-Z0-9_.-]`
 * (github.com/moby/moby daemon/names/names.go); a reference here is at most 128
 * characters. The one pattern: Docker's GET allow-list (../docker.ts), the
 * container route, the history `?container=` filter and the remote-dashboard
 * allow-list all build on it.
 */
export const CONTAINER_REF = '[A-Za-z0-9][A-Za-z0-9_.-]{0,127}';
export const CONTAINER_REF_RE = new RegExp(`^${CONTAINER_REF}$`);
