import { describe, expect, it } from 'vitest';
import { bearerToken, isLoopbackHost, safeNextPath, tokenMatches } from '@/lib/server/auth/policy';
import { clientAddress, isDeclaredCrossSite, isSameOrigin, serverOrigin, servedOverHttps, type ClientContext } from '@/lib/server/auth/client';
import { parseEnv } from '@/lib/server/env';
import { isAllowedDockerPath } from '@/lib/server/docker';
// @ts-expect-error: plain .mjs script without types
import { isAllowedRequest } from '@/scripts/docker-recording-proxy.mjs';

const h = (o: Record<string, string>) => new Headers(o);

const direct: ClientContext = { peer: '127.0.0.1', trustedProxies: [] };
const behindProxy: ClientContext = { peer: '10.0.0.2', trustedProxies: ['10.0.0.0/8'] };

describe('CSRF: same-origin = scheme, host and port', () => {
  it('accepts Sec-Fetch-Site same-origin or an Origin equal to the server\'s own', () => {
    expect(isSameOrigin(h({ 'sec-fetch-site': 'same-origin' }), direct)).toBe(true);
    expect(isSameOrigin(h({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), direct)).toBe(true);
    expect(isSameOrigin(h({ origin: 'http://localhost', host: 'localhost:80' }), direct)).toBe(true);
  });
  it('refuses another scheme or port, and X-Forwarded-Host from an untrusted peer', () => {
    expect(isSameOrigin(h({ origin: 'https://127.0.0.1:3000', host: '127.0.0.1:3000' }), direct)).toBe(false);
    expect(isSameOrigin(h({ origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3000' }), direct)).toBe(false);
    expect(isSameOrigin(h({ origin: 'https://dash.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'dash.example', 'x-forwarded-proto': 'https' }), direct)).toBe(false);
    expect(isSameOrigin(h({ origin: 'https://dash.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'dash.example', 'x-forwarded-proto': 'https' }), { peer: null, trustedProxies: ['0.0.0.0/0'] })).toBe(false);
  });
  it('believes X-Forwarded-Proto/-Host from a trusted proxy, and DASHBOARD_PUBLIC_URL above all', () => {
    const fwd = h({ origin: 'https://dash.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'dash.example', 'x-forwarded-proto': 'https' });
    expect(serverOrigin(fwd, behindProxy)).toBe('https://dash.example');
    expect(isSameOrigin(fwd, behindProxy)).toBe(true);
    expect(servedOverHttps(fwd, behindProxy)).toBe(true);
    expect(servedOverHttps(fwd, direct)).toBe(false);
    const pub: ClientContext = { ...direct, publicUrl: 'https://dash.example:8443' };
    expect(isSameOrigin(h({ origin: 'https://dash.example:8443', host: '127.0.0.1:3000' }), pub)).toBe(true);
    expect(isSameOrigin(h({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), pub)).toBe(false);
  });
  it('refuses cross-site, same-site, null and missing origins', () => {
    expect(isSameOrigin(h({ 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }), direct)).toBe(false);
    expect(isSameOrigin(h({ 'sec-fetch-site': 'same-site' }), direct)).toBe(false);
    expect(isSameOrigin(h({ origin: 'https://evil.example', host: '127.0.0.1:3000' }), direct)).toBe(false);
    expect(isSameOrigin(h({ origin: 'null', host: '127.0.0.1:3000' }), direct)).toBe(false);
    expect(isSameOrigin(h({ host: '127.0.0.1:3000' }), direct)).toBe(false);
  });
  it('the login form only refuses requests that declare another site', () => {
    expect(isDeclaredCrossSite(h({ host: 'a' }), direct)).toBe(false);
    expect(isDeclaredCrossSite(h({ 'sec-fetch-site': 'none' }), direct)).toBe(false);
    expect(isDeclaredCrossSite(h({ origin: 'https://evil.example', host: 'a' }), direct)).toBe(true);
    expect(isDeclaredCrossSite(h({ 'sec-fetch-site': 'cross-site' }), direct)).toBe(true);
  });
});

describe('client address (login limit)', () => {
  it('is the socket peer; X-Forwarded-For from an untrusted peer is ignored', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '9.9.9.8' }), direct)).toBe('127.0.0.1');
    expect(clientAddress(h({}), { peer: '::ffff:192.0.2.7', trustedProxies: [] })).toBe('192.0.2.7');
    expect(clientAddress(h({ 'x-forwarded-for': '9.9.9.8' }), { peer: null, trustedProxies: ['0.0.0.0/0'] })).toBe('unknown');
  });
  it('behind trusted proxies: the right-most entry that is not a proxy', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }), behindProxy)).toBe('203.0.113.9');
    // The client prepended a forged entry; the proxy appended the real one.
    expect(clientAddress(h({ 'x-forwarded-for': '9.9.9.8, 203.0.113.9, 10.1.1.1' }), behindProxy)).toBe('203.0.113.9');
    expect(clientAddress(h({ 'x-forwarded-for': 'garbage, 10.1.1.1' }), behindProxy)).toBe('10.1.1.1');
    expect(clientAddress(h({}), behindProxy)).toBe('10.0.0.2');
    expect(clientAddress(h({ 'x-forwarded-for': '2001:db8::1' }), { peer: '::1', trustedProxies: ['::1'] })).toBe('2001:db8::1');
  });
  it('DASHBOARD_TRUSTED_PROXIES and DASHBOARD_PUBLIC_URL are validated', () => {
    expect(parseEnv({ DASHBOARD_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8 ::1' }).DASHBOARD_TRUSTED_PROXIES).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseEnv({ DASHBOARD_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/DASHBOARD_TRUSTED_PROXIES: not an IP address or CIDR: 10.0.0.0\/33/);
    expect(() => parseEnv({ DASHBOARD_TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/not an IP address or CIDR/);
    expect(parseEnv({ DASHBOARD_PUBLIC_URL: 'https://Dash.Example.com/' }).DASHBOARD_PUBLIC_URL).toBe('https://dash.example.com');
    expect(() => parseEnv({ DASHBOARD_PUBLIC_URL: 'https://dash.example.com/app' })).toThrow(/DASHBOARD_PUBLIC_URL: must be an http\(s\) origin/);
    expect(() => parseEnv({ DASHBOARD_PUBLIC_URL: 'dash.example.com' })).toThrow(/must be a URL/);
  });
});

describe('tokens, addresses, redirects', () => {
  it('parses bearer tokens and compares in constant time', () => {
    expect(bearerToken(h({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(bearerToken(h({ authorization: 'Basic abc' }))).toBeNull();
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
  });
  it('knows loopback bind addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(a)).toBe(true);
    for (const a of ['0.0.0.0', '::', '10.0.0.5', 'agent-1', '128.0.0.1']) expect(isLoopbackHost(a)).toBe(false);
  });
  it('redirects after login only to local paths', () => {
    expect(safeNextPath('/containers?host=local')).toBe('/containers?host=local');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', '/login', '/api/v1/hosts', '/x/../login', '/x/../api/v1/hosts', '/%2e%2e/api', null, '']) {
      expect(safeNextPath(bad), String(bad)).toBe('/');
    }
  });
  it('percent-encodes what it keeps, so the Location header is always valid', () => {
    expect(safeNextPath('/\u2215')).toBe('/%E2%88%95');
    expect(safeNextPath('/containers?q=é "x"')).toBe('/containers?q=%C3%A9%20%22x%22');
    expect(safeNextPath('/a/./b/../c')).toBe('/a/c');
  });
});

describe('Docker allow-list', () => {
  const cases: [string, string][] = [
    ['GET', '/_ping'],
    ['GET', '/version'],
    ['GET', '/info'],
    ['GET', '/containers/json'],
    ['GET', '/containers/abc123/json'],
    ['GET', '/events'],
    ['POST', '/containers/abc/exec'],
    ['GET', '/containers/abc/archive'],
    ['GET', '/containers/abc/export'],
    ['POST', '/containers/abc/attach'],
    ['GET', '/containers/abc/attach/ws'],
    ['DELETE', '/containers/abc'],
    ['POST', '/containers/create'],
    ['GET', '/containers/../json'],
    ['GET', '/images/json'],
  ];
  it('the recording proxy and lib/server/docker.ts agree, and only GETs pass', () => {
    for (const [m, p] of cases) {
      expect(isAllowedRequest(m, p), `${m} ${p}`).toBe(isAllowedDockerPath(m, p));
      if (m !== 'GET') expect(isAllowedDockerPath(m, p)).toBe(false);
    }
    expect(isAllowedRequest('GET', '/v1.47/containers/json?all=1')).toBe(true);
  });
});
