import net from 'node:net';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_API_TOKEN } from '../support/credentials';
import { enumerateRoutes, urlWith, type AppRoute } from './routes';

/**
 * At least 2,000 malformed requests across every API route (enumerated from the
 * file tree, so routes added later are fuzzed too): random JSON, wrong types,
 * deep nesting, bodies over 1 MB, odd ids, path tricks, bad query strings,
 * wrong methods and content types; non-ASCII paths, queries and header values,
 * `next=` targets of the login page, `/_next/*` paths (image optimizer, static
 * files, data routes) and header sizes up to past Node's 16 KiB limit (431).
 * Zero 5xx, the expected 4xx where the case determines it, and the server
 * healthy afterwards. Seeded, so a failure replays.
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
// Non-ASCII in paths and queries (percent-encoded UTF-8, as a client must send it; raw bytes: rawCases below).
const NON_ASCII = ['%E2%88%95', '%C3%A9t%C3%A9', '%F0%9F%92%A5', '%EF%BC%8F', '%E2%80%AE', '%C0%AF', '%FF%FE', '%ED%A0%80', '%E3%80%80', 'caf%C3%A9%2F..%2F'];
const NEXT_TARGETS = [
  '%2F%E2%88%95',
  '%2F%F0%9F%92%A5',
  '%2Fcontainers%3Fq%3D%C3%A9',
  '%2F%2Fevil.example',
  '%2F%5Cevil.example',
  'https%3A%2F%2Fevil.example',
  '%2F%09%2Fevil.example',
  '%2F%0D%0ALocation%3A%20https%3A%2F%2Fevil.example',
  '%2F..%2F..%2Fapi%2Fv1%2Fhosts',
  '%2Flogin%3Fnext%3D%2Flogin',
  '%2F%00',
  '%2F%C0%AF',
  '%2F%FF',
  'javascript%3Aalert(1)',
  `%2F${'a'.repeat(3000)}`,
  '%2F%25zz',
  '%2Fcontainers%23frag',
  '',
];
const NEXT_PATHS = [
  '/_next/image?url=%2Fcontainers&w=64&q=75',
  '/_next/image?url=%2F&w=16&q=1',
  '/_next/image?url=https%3A%2F%2Fevil.example%2Fa.png&w=64&q=75',
  '/_next/image?url=%2F_next%2Fstatic%2Fx.png&w=99999&q=1000',
  '/_next/image?url=%E2%88%95&w=64&q=75',
  '/_next/image',
  '/_next/static/nope.js',
  '/_next/static/..%2f..%2fpackage.json',
  '/_next/static/%2e%2e/%2e%2e/package.json',
  '/_next/static/chunks/%E2%88%95.js',
  '/_next/static/%zz',
  '/_next/data/x/index.json',
  '/_next/nope',
  '/_next/',
  '/_next',
  '/_next/webpack-hmr',
  '/__nextjs_original-stack-frame?file=/etc/passwd',
  '/_next/static/css/..%5c..%5cpackage.json',
  '/favicon.ico',
  '/_next/server/app/page.js',
];
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

/** Pages, /login?next=, /_next/* and header sizes: with and without credentials. */
function pageCases(): Case[] {
  const out: Case[] = [];
  const who: [string, Record<string, string>][] = [
    ['anonymous', {}],
    ['token', BEARER],
  ];
  for (const [name, headers] of who) {
    for (const t of NEXT_TARGETS) {
      // Signed in (the token counts) the login page redirects to the target: 3xx, never 5xx.
      out.push({ method: 'GET', url: `/login?next=${t}`, headers, expect: name === 'token' ? [307, 308] : [200], why: `next= ${name}` });
    }
    for (const p of NEXT_PATHS) for (const m of ['GET', 'HEAD', 'POST']) out.push({ method: m, url: p, headers, body: m === 'POST' ? '{}' : undefined, why: `_next path ${name}` });
    for (const n of NON_ASCII) {
      out.push({ method: 'GET', url: `/${n}`, headers, why: `non-ASCII page ${name}` });
      out.push({ method: 'GET', url: `/containers/${n}`, headers, why: `non-ASCII container page ${name}` });
      // Without credentials: 401, or 400 first when the path is not valid UTF-8 (%C0%AF, %FF%FE: proxy.ts).
      out.push({ method: 'GET', url: `/api/v1/hosts/${n}/containers`, headers, expect: name === 'token' ? undefined : [400, 401], why: `non-ASCII host ${name}` });
      out.push({ method: 'GET', url: `/api/v1/hosts/local/containers/${n}`, headers, expect: name === 'token' ? undefined : [400, 401], why: `non-ASCII id ${name}` });
      out.push({ method: 'GET', url: `/api/v1/hosts?host=${n}&q=${n}`, headers, expect: name === 'token' ? undefined : [401], why: `non-ASCII query ${name}` });
      out.push({ method: 'GET', url: `/hosts?host=${n}`, headers, why: `non-ASCII page query ${name}` });
    }
  }
  // Header sizes: under, at and over Node's 16 KiB header limit (then 431, from Node itself).
  for (const size of [1024, 4096, 8000, 12_000, 15_000, 17_000, 32_000]) {
    const over = size > 16_000;
    out.push({ method: 'GET', url: '/api/v1/hosts', headers: { ...BEARER, 'X-Filler': 'a'.repeat(size) }, expect: over ? [431] : [200], why: `header of ${size} bytes` });
    out.push({ method: 'GET', url: '/api/v1/hosts', headers: { Cookie: `ksd_session=${'A'.repeat(size)}` }, expect: over ? [431] : [401], why: `cookie of ${size} bytes` });
    out.push({ method: 'GET', url: '/', headers: { 'X-Filler': 'a'.repeat(size) }, expect: over ? [431] : [307], why: `page header of ${size} bytes` });
  }
  const many: Record<string, string> = { ...BEARER };
  for (let i = 0; i < 90; i++) many[`x-h-${i}`] = String(i);
  out.push({ method: 'GET', url: '/api/v1/hosts', headers: many, expect: [200], why: '90 headers' });
  // Non-ASCII header values (sent as latin1 bytes).
  for (const v of ['caf\u00e9', '\u00ff\u00fe', 'a\u00a0b']) {
    out.push({ method: 'GET', url: '/api/v1/hosts', headers: { Authorization: `Bearer ${v}` }, expect: [401], why: 'non-ASCII bearer' });
    out.push({ method: 'GET', url: '/api/health', headers: { 'X-Forwarded-For': v, 'X-Forwarded-Host': v, Origin: v }, expect: [200], why: 'non-ASCII forwarded headers' });
    out.push({ method: 'POST', url: '/api/auth/logout', headers: { Cookie: `ksd_session=${v}`, Origin: v }, expect: [401], why: 'non-ASCII cookie' });
  }
  return out;
}

test('2,000+ malformed requests across every API route, pages and /_next/*: no 5xx, the right 4xx, healthy afterwards', async ({ playwright, baseURL }) => {
  test.setTimeout(900_000);
  const req = await playwright.request.newContext({ baseURL });
  const cases = [
    ...apis.flatMap(casesFor),
    ...PATH_TRICKS.flatMap((url) => METHODS.map((method) => ({ method, url, headers: BEARER, why: 'path trick' }) as Case)),
    ...pageCases(),
  ];
  // Top up with more random JSON until there are at least 2,000.
  while (cases.length < 2000) {
    const r = pick(apis);
    cases.push({ method: pick(METHODS), url: r.url, headers: { ...BEARER, 'Content-Type': 'application/json' }, body: JSON.stringify(randomValue()), why: 'random JSON (top-up)' });
  }
  expect(cases.length).toBeGreaterThanOrEqual(2000);

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

/** Raw bytes no HTTP client library would send: UTF-8 and latin1 in the request line and header values. */
test('raw non-ASCII bytes in the request line and headers: never a 5xx', async ({ baseURL }) => {
  const { hostname, port } = new URL(baseURL ?? '');
  const send = (bytes: Buffer) =>
    new Promise<string>((resolve, reject) => {
      const sock = net.connect(Number(port), hostname);
      let got = '';
      sock.on('data', (d) => (got += d.toString('latin1')));
      sock.on('end', () => resolve(got));
      sock.on('close', () => resolve(got));
      sock.on('error', reject);
      sock.end(bytes);
    });
  const lines = [
    'GET /\u2215 HTTP/1.1',
    'GET /containers/\u00e9t\u00e9 HTTP/1.1',
    'GET /login?next=/\u2215 HTTP/1.1',
    'GET /api/v1/hosts/\u{1F4A5} HTTP/1.1',
    'GET /_next/static/\u2215.js HTTP/1.1',
    'GET /_next/image?url=/\u00e9&w=64&q=75 HTTP/1.1',
    'POST /api/auth/login HTTP/1.1',
  ];
  const failures: string[] = [];
  for (const line of lines) {
    for (const extra of ['', `Cookie: ksd_session=\u00e9\u00ff\r\n`, `Authorization: Bearer ${E2E_API_TOKEN}\r\nX-Note: caf\u00e9\r\n`]) {
      for (const encoding of ['utf8', 'latin1'] as const) {
        const body = line.startsWith('POST') ? '{"password":1}' : '';
        const head = `${line}\r\nHost: ${hostname}:${port}\r\n${extra}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
        const res = await send(Buffer.from(head, encoding));
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(res)?.[1] ?? 0);
        if (status === 0 || status >= 500) failures.push(`${encoding} ${JSON.stringify(line)} ${JSON.stringify(extra)}: ${res.slice(0, 80) || 'no answer'}`);
      }
    }
  }
  expect(failures).toEqual([]);
});
