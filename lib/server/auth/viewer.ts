import 'server-only';
import { cookies, headers } from 'next/headers';
import { credentialsOf, SESSION_COOKIE, type Credentials } from './guard';

/** The credentials of the page request being rendered (makes the page dynamic). */
export async function currentCredentials(): Promise<Credentials> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return credentialsOf({ method: 'GET', headers: h, cookie: c.get(SESSION_COOKIE)?.value });
}
