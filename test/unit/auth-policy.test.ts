import { describe, expect, it } from 'vitest';
import { bearerToken, clientAddress, isDeclaredCrossSite, isLoopbackHost, isSameOrigin, safeNextPath, tokenMatches } from '@/lib/server/auth/policy';
import { isAllowedDockerPath } from '@/lib/server/docker';
// @ts-expect-error: plain .mjs script without types
import { isAllowedRequest } from '@/scripts/docker-recording-proxy.mjs';

const h = (o: Record<string, string>) => new Headers(o);

describe('CSRF: same-origin', () => {
  it('accepts Sec-Fetch-Site same-origin or a matching Origin', () => {
    expect(isSameOrigin(h({ 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(h({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }))).toBe(true);
    expect(isSameOrigin(h({ origin: 'https://dash.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'dash.example' }))).toBe(true);
  });
  it('refuses cross-site, same-site, null and missing origins', () => {
    expect(isSameOrigin(h({ 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }))).toBe(false);
    expect(isSameOrigin(h({ 'sec-fetch-site': 'same-site' }))).toBe(false);
    expect(isSameOrigin(h({ origin: 'https://evil.example', host: '127.0.0.1:3000' }))).toBe(false);
    expect(isSameOrigin(h({ origin: 'null', host: '127.0.0.1:3000' }))).toBe(false);
    expect(isSameOrigin(h({ host: '127.0.0.1:3000' }))).toBe(false);
  });
  it('the login form only refuses requests that declare another site', () => {
    expect(isDeclaredCrossSite(h({ host: 'a' }))).toBe(false);
    expect(isDeclaredCrossSite(h({ 'sec-fetch-site': 'none' }))).toBe(false);
    expect(isDeclaredCrossSite(h({ origin: 'https://evil.example', host: 'a' }))).toBe(true);
    expect(isDeclaredCrossSite(h({ 'sec-fetch-site': 'cross-site' }))).toBe(true);
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
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', '/login', '/api/v1/hosts', null, '']) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });
  it('takes the first X-Forwarded-For entry as the client address', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9');
    expect(clientAddress(h({}))).toBe('unknown');
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
