/**
 * The paths anyone may request without signing in, declared once. proxy.ts
 * (in front of every request) and the route() wrapper (in every API handler)
 * both ask here, so the two checks can never disagree about what is open.
 * Anything not listed needs a session cookie or the API token.
 */
const PUBLIC_API = new Set(['/api/health', '/api/auth/login']);
const PUBLIC_PAGES = new Set(['/login']);
/** The files in public/ (served by Next.js as they are; readable only: GET/HEAD). */
const PUBLIC_FILES = new Set(['/favicon.ico']);

/** The API routes that answer without credentials: liveness, and the sign-in call itself. */
export function isPublicApiPath(pathname: string): boolean {
  return PUBLIC_API.has(pathname);
}

/** The pages shown without a session (the sign-in page). */
export function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.has(pathname);
}

/** A file of public/ (the browser asks for the icon before sign-in). */
export function isPublicFile(pathname: string): boolean {
  return PUBLIC_FILES.has(pathname);
}
