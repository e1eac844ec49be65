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
  if (res.status === 401 && typeof window !== 'undefined' && window.location.pathname !== '/login') {
    // The session expired or was signed out elsewhere: back to the login page, then here again.
    const next = `${window.location.pathname}${window.location.search}`;
    window.location.replace(new URL(`/login?next=${encodeURIComponent(next)}`, window.location.origin).href);
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, body);
  }
  return body as T;
}
