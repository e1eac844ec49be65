import 'server-only';
import type { NextRequest } from 'next/server';

/**
 * Authentication for API requests. Returns a Response to send instead of
 * running the handler (401/403), or null when the request may proceed.
 * (Login sessions and API tokens: see the Security issue.)
 */
export async function authenticateApiRequest(_req: NextRequest): Promise<Response | null> {
  return null;
}
