/**
 * The one container-reference pattern (a full or short id, or a name) the
 * routes accept: Docker's own name rule, moby daemon/names/names.go
 * `RestrictedNameChars = "[a-zA-Z0-9][a-zA-Z0-9_.-]"` (ids are hex, a subset),
 * bounded to 128 characters here so a path segment stays small.
 * CONTAINER_REF_PATTERN is unanchored, to embed in a longer path pattern.
 */
export const CONTAINER_REF_PATTERN = '[A-Za-z0-9][A-Za-z0-9_.-]{0,127}';
export const CONTAINER_REF_RE = new RegExp(`^${CONTAINER_REF_PATTERN}$`);
