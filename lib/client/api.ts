/** Browser-side fetch helper: parses the API's one error shape into ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Set once the page is on its way to the login page (a 401, or Sign out): the
 * 401s of polls still in flight must not redirect again, or a sign-out would
 * land on /login?next=<page> instead of /login.
 */
let leavingForLogin = false;

export function goToLogin(href: string): void {
  leavingForLogin = true;
  window.location.replace(new URL(href, window.location.origin).href);
}

/** Sign out is starting: from now on a 401 is expected, not a reason to redirect. */
export function beginSignOut(): void {
  leavingForLogin = true;
}

/** Sign out failed: a later 401 means the session is gone again. */
export function signOutFailed(): void {
  leavingForLogin = false;
}

export async function apiFetch<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (err) {
    throw new ApiError(0, 'network', `The dashboard server did not answer (${String(err)})`, null);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (res.status === 401 && typeof window !== 'undefined' && window.location.pathname !== '/login' && !leavingForLogin) {
    // The session expired or was signed out elsewhere: back to the login page, then here again.
    const next = `${window.location.pathname}${window.location.search}`;
    goToLogin(`/login?next=${encodeURIComponent(next)}`);
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, body);
  }
  return body as T;
}
