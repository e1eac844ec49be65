import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_API_TOKEN } from '../support/credentials';
import { enumerateRoutes, urlWith, type AppRoute } from './routes';

/**
 * At least 1,000 malformed requests across every API route (enumerated from the
 * file tree, so routes added later are fuzzed too): random JSON, wrong types,
 * deep nesting, bodies over 1 MB, odd ids, path tricks, bad query strings,
 * wrong methods and content types. Zero 5xx, the expected 4xx where the case
 * determines it, and the server healthy afterwards. Seeded, so a failure replays.
 */
const apis = enumerateRoutes().filter((r) => r.kind === 'api');
const BEARER = { Authorization: `Bearer ${E2E_API_TOKEN}` };

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(0x6b7364);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

// Keys never include "password" with a string value, so no fuzz request is a
// real sign-in attempt that would count against the login rate limit.
const KEYS = ['a', 'host', 'id', 'image', 'json', 'text', '__proto__', 'constructor', 'volumes', 'uid', 'gid', ''];
function randomValue(depth = 0): unknown {
  const r = rand();
  if (depth > 3 || r < 0.35) {
    return pick<unknown>([null, true, false, 0, -1, 1e308, -0, 3.14, '', 'x'.repeat(Math.floor(rand() * 300)), '\u0000', '../../etc/passwd', '💥', '<script>alert(1)</script>', [], {}]);
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 5) }, () => randomValue(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(rand() * 5); i++) o[pick(KEYS)] = randomValue(depth + 1);
  return o;
}
const WRONG_TYPES: unknown[] = [
  { password: 12345 },
  { password: null },
  { password: ['a'] },
  { password: { $ne: '' } },
  { password: '' },
  { password: 'x'.repeat(5000) },
  { password: 'ok-length', extra: true },
  'just a string',
  42,
  null,
  [],
];
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const BROKEN_JSON = ['{', '{"a":}', "{'a':1}", '[1,2', 'nul', '\u0000', '{"a":1}garbage', '\ufeff{"a":1}', 'NaN', '{"a":1e999999}'];

const ODD_IDS = [
  '..',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%2F',
  '%00',
  '%0a',
  'a%20b',
  'A'.repeat(300),
  'UPPER',
  '-leading-dash',
  '💥',
  '%F0%9F%92%A5',
  '$(id)',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  'local;rm',
  'local%3Frm',
  '%zz',
  '%',
  '.',
  'con',
  'local.',
];
const PATH_TRICKS = [
  '/metrics/',
  '/metrics/..%2f..%2fetc%2fpasswd',
  '/metrics%00',
  '/metrics/../api/health',
  '/api/v1/hosts/..%2f..%2f..%2fetc%2fpasswd',
  '/api/v1/hosts/%2e%2e/%2e%2e/health',
  '/api/v1//hosts',
  '/api/v1/hosts/',
  '/api/v1/hosts/local/',
  '/api/v1/hosts/local/../../health',
  '/api/v1/%68osts',
  '/api/v1/hosts%00',
  '/api/v1/hosts/%zz',
  '/api/v1/nope',
  '/api/v1',
  '/api',
  '/api/%2e%2e/%2e%2e/etc/passwd',
  '/api/v1/hosts/local/json',
  '/api/v1/hosts/local/containers/..%2F..%2F..%2Fproc%2Fself%2Fenviron',
];
const BAD_QUERIES = [
  '?%zz',
  '?host=%zz',
  '?a=1&a=2&a=3',
  '?a[]=1&a[b]=2',
  '?__proto__[x]=1',
  '?constructor=1',
  `?q=${'x'.repeat(6000)}`,
  '?host=../../etc',
  '?=',
  '?&&&',
  '?host=local%00',
  '?all=yes&limit=-1',
  '?filters={bad json',
  '?filters=%7B%22label%22%3A%5B%22a%22%5D%7D',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-7', 'application/xml'];

interface Case {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Statuses that are right for this case; otherwise any 4xx or 2xx (never 5xx). */
  expect?: number[];
  why: string;
}

function casesFor(r: AppRoute): Case[] {
  const out: Case[] = [];
  const writes = r.methods.filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
  const bodyMethod = writes[0] ?? 'POST';
  const declared = (m: string) => r.methods.includes(m) || (m === 'HEAD' && r.methods.includes('GET'));
  // Random JSON, wrong types, broken JSON, deep nesting.
  for (let i = 0; i < 40; i++) {
    out.push({ method: bodyMethod, url: r.url, headers: { ...BEARER, 'Content-Type': 'application/json' }, body: JSON.stringify(randomValue()), why: 'random JSON' });
  }
  for (const v of WRONG_TYPES) {
    out.push({
      method: bodyMethod,
      url: r.url,
      headers: { ...BEARER, 'Content-Type': 'application/json' },
      body: JSON.stringify(v),
      expect: r.takesBody ? [400, 413, 422] : undefined,
      why: 'wrong types',
    });
  }
  for (const b of BROKEN_JSON) {
    out.push({ method: bodyMethod, url: r.url, headers: { ...BEARER, 'Content-Type': 'application/json' }, body: b, expect: r.takesBody ? [400, 413, 422] : undefined, why: 'broken JSON' });
  }
  for (const n of [100, 1000, 20000]) {
    out.push({ method: bodyMethod, url: r.url, headers: { ...BEARER, 'Content-Type': 'application/json' }, body: deepArray(n), why: `nested arrays ${n}` });
    out.push({ method: bodyMethod, url: r.url, headers: { ...BEARER, 'Content-Type': 'application/json' }, body: deepObject(n), why: `nested objects ${n}` });
  }
  // Bodies over 1 MB.
  for (const size of [1024 * 1024 + 1, 3 * 1024 * 1024]) {
    out.push({
      method: bodyMethod,
      url: r.url,
      headers: { ...BEARER, 'Content-Type': 'application/json' },
      body: Buffer.alloc(size, 0x61),
      expect: r.takesBody ? [413] : declared(bodyMethod) ? undefined : [405],
      why: `body of ${size} bytes`,
    });
  }
  out.push({
    method: bodyMethod,
    url: r.url,
    headers: { ...BEARER, 'Content-Type': 'application/json' },
    body: `{"a":"${'b'.repeat(1024 * 1024)}"}`,
    expect: r.takesBody ? [413] : declared(bodyMethod) ? undefined : [405],
    why: 'JSON string over 1 MB',
  });
  // Content types.
  for (const ct of CONTENT_TYPES) out.push({ method: bodyMethod, url: r.url, headers: { ...BEARER, 'Content-Type': ct }, body: 'a=1&b=%zz', why: `content type ${ct}` });
  // Methods: an undeclared one is a 405.
  for (const m of METHODS) {
    // Next.js answers OPTIONS itself (204 with Allow) when a route does not export it.
    const undeclared = m === 'OPTIONS' ? [204, 405] : [405];
    out.push({ method: m, url: r.url, headers: BEARER, body: m === 'GET' ? undefined : '{}', expect: declared(m) ? undefined : undeclared, why: `method ${m}` });
  }
  // Odd ids in every dynamic segment.
  if (r.segments.some((s) => s.dynamic)) {
    for (const id of ODD_IDS) for (const m of r.methods) out.push({ method: m, url: urlWith(r, id), headers: BEARER, body: m === 'GET' ? undefined : '{}', why: `odd id ${id}` });
  }
  // Bad query strings.
  for (const q of BAD_QUERIES) for (const m of r.methods) out.push({ method: m, url: `${r.url}${q}`, headers: BEARER, body: m === 'GET' ? undefined : '{}', why: `query ${q.slice(0, 40)}` });
  // Without credentials: 401 on protected routes, whatever the input.
  if (!r.isPublic) {
    for (const m of r.methods) {
      out.push({ method: m, url: r.url, headers: {}, body: m === 'GET' ? undefined : JSON.stringify(randomValue()), expect: [401], why: 'no credentials' });
      out.push({ method: m, url: r.url, headers: { Authorization: 'Bearer ' }, expect: [401], why: 'empty bearer' });
      out.push({ method: m, url: r.url, headers: { Authorization: `Bearer ${'x'.repeat(600)}` }, expect: [401], why: 'long bearer' });
      out.push({ method: m, url: r.url, headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' }, expect: [401], why: 'basic auth' });
      out.push({ method: m, url: r.url, headers: { Cookie: `ksd_session=${'A'.repeat(5000)}` }, expect: [401], why: 'huge cookie' });
    }
  }
  return out;
}

async function run(req: APIRequestContext, c: Case): Promise<number> {
  const res = await req.fetch(c.url, { method: c.method, headers: c.headers, data: c.body, maxRedirects: 0, failOnStatusCode: false, timeout: 20_000 });
  await res.body().catch(() => undefined);
  return res.status();
}

test('1,000+ malformed requests across every API route: no 5xx, the right 4xx, healthy afterwards', async ({ playwright, baseURL }) => {
  test.setTimeout(480_000);
  const req = await playwright.request.newContext({ baseURL });
  const cases = [...apis.flatMap(casesFor), ...PATH_TRICKS.flatMap((url) => METHODS.map((method) => ({ method, url, headers: BEARER, why: 'path trick' }) as Case))];
  // Top up with more random JSON until there are at least 1,000.
  while (cases.length < 1000) {
    const r = pick(apis);
    cases.push({ method: pick(METHODS), url: r.url, headers: { ...BEARER, 'Content-Type': 'application/json' }, body: JSON.stringify(randomValue()), why: 'random JSON (top-up)' });
  }
  expect(cases.length).toBeGreaterThanOrEqual(1000);

  const failures: string[] = [];
  for (const c of cases) {
    let status: number;
    try {
      status = await run(req, c);
    } catch (err) {
      failures.push(`${c.method} ${c.url.slice(0, 80)} (${c.why}): no answer: ${String(err).slice(0, 120)}`);
      continue;
    }
    const ok = status < 500 && (c.expect ? c.expect.includes(status) : true);
    if (!ok) failures.push(`${c.method} ${c.url.slice(0, 80)} (${c.why}): ${status}, expected ${c.expect ? c.expect.join('/') : '<500'}`);
  }
  expect(failures, `${failures.length} of ${cases.length} requests`).toEqual([]);

  expect((await req.get('/api/health')).status()).toBe(200);
  const hosts = await req.get('/api/v1/hosts', { headers: BEARER });
  expect(hosts.status()).toBe(200);
  await req.dispose();
});
