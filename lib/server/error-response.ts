import 'server-only';
import { NextResponse } from 'next/server';
import type { AppError, Issue } from './errors';

/**
 * The one writer of an error body, for every refusal the dashboard sends: the
 * route wrapper (lib/server/http.ts), the sign-in checks (lib/server/auth/),
 * proxy.ts and the login route's rate limit. The wire format:
 *
 *   { "error": { "code", "message", "issues"?, ...details } }
 *
 * with the status of the code (lib/server/errors.ts) and `Cache-Control: no-store`.
 */
export function errorResponse(err: AppError, headers?: Record<string, string>): NextResponse {
  const body: { error: { code: string; message: string; issues?: Issue[] } & Record<string, unknown> } = {
    error: { code: err.code, message: err.message },
  };
  if (err.issues && err.issues.length > 0) body.error.issues = err.issues;
  if (err.details) Object.assign(body.error, err.details);
  return NextResponse.json(body, { status: err.status, headers: { 'Cache-Control': 'no-store', ...headers } });
}
