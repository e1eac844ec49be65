import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorResponse } from '@/lib/server/error-response';
import { AppError, describeFsError, ID_MAP_HINTS, INTERNAL_MESSAGE, toAppError } from '@/lib/server/errors';
import { isPublicApiPath, isPublicFile, isPublicPage } from '@/lib/server/auth/public-routes';
import { parseJsonBody } from '@/lib/server/http';

afterEach(() => vi.restoreAllMocks());

describe('errorResponse: the one writer of an error body', () => {
  it('writes { error: { code, message, issues?, ...details } } with the status of the code, never cached', async () => {
    const res = errorResponse(new AppError('validation_failed', 'Request body failed validation', [{ path: ['a', 0], message: 'bad' }], { host: 'local' }));
    expect(res.status).toBe(422);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: { code: 'validation_failed', message: 'Request body failed validation', issues: [{ path: ['a', 0], message: 'bad' }], host: 'local' } });
  });

  it('adds the caller\'s headers (Retry-After of the sign-in limit, Allow of a 405) and omits empty issues', async () => {
    const res = errorResponse(new AppError('rate_limited', 'Too many', [], { retryAfterSeconds: 7 }), { 'Retry-After': '7' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ error: { code: 'rate_limited', message: 'Too many', retryAfterSeconds: 7 } });
    expect(errorResponse(new AppError('method_not_allowed', 'POST is not allowed on /favicon.ico')).status).toBe(405);
  });
});

describe('toAppError: the one describer of a thrown value', () => {
  it('returns an AppError as it is, without logging', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = new AppError('not_found', 'Unknown host "x"');
    expect(toAppError(e, 'test')).toBe(e);
    expect(log).not.toHaveBeenCalled();
  });

  it('logs anything else once, with its cause, and makes it the generic internal error (or the fallback named)', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cause = new TypeError('boom');
    const e = toAppError(cause, 'api GET /x');
    expect({ code: e.code, status: e.status, message: e.message }).toEqual({ code: 'internal', status: 500, message: INTERNAL_MESSAGE });
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('[api GET /x] unexpected error:', cause);
    const f = toAppError('odd', 'hosts a', () => new AppError('docker_error', 'the host answered with something unexpected'));
    expect([f.code, f.status]).toEqual(['docker_error', 502]);
    expect(log).toHaveBeenCalledTimes(2);
  });
});

describe('describeFsError: the one describer of file-system errors', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: x`), { code });
  it('names the errno, explains the common ones, and takes the caller\'s hints', () => {
    expect(describeFsError(errno('EACCES'))).toBe('permission denied [EACCES] (run the dashboard as root to read it)');
    expect(describeFsError(errno('EISDIR'))).toBe('is a directory [EISDIR]');
    expect(describeFsError(errno('ENOENT'))).toBe('ENOENT');
    expect(describeFsError(new Error('plain'))).toBe('plain');
    expect(describeFsError(42)).toBe('unknown error');
    expect(describeFsError(errno('ENOENT'), ID_MAP_HINTS)).toBe('the process is gone (the container stopped or restarted since it was inspected)');
    expect(describeFsError(errno('EPERM'), ID_MAP_HINTS)).toBe("permission denied (run the dashboard as root to read other processes' id maps)");
  });
});

describe('public routes: declared once for proxy.ts and route()', () => {
  it('opens only liveness, sign-in, the sign-in page and the icon', () => {
    expect(['/api/health', '/api/auth/login', '/api/auth/logout', '/api/health/', '/api/v1/hosts'].map(isPublicApiPath)).toEqual([true, true, false, false, false]);
    expect(['/login', '/', '/login/x'].map(isPublicPage)).toEqual([true, false, false]);
    expect(['/favicon.ico', '/robots.txt'].map(isPublicFile)).toEqual([true, false]);
  });
});

describe('route bodies are parsed by the one JSON-with-positions parser', () => {
  it('a broken body is a 400 naming line and column; an empty one says so', () => {
    const refusal = (text: string) => {
      try {
        parseJsonBody(text);
      } catch (err) {
        if (err instanceof AppError) return [err.status, err.message];
        throw err;
      }
      return null;
    };
    expect(refusal('{\n  "password": "x",\n}')).toEqual([400, 'Request body is not valid JSON (line 3, column 1)']);
    expect(refusal("{'a': 1}")).toEqual([400, 'Request body is not valid JSON (line 1, column 2)']);
    expect(refusal('  ')).toEqual([400, 'Request body is empty; expected JSON']);
    expect(parseJsonBody('{"__proto__": {"x": 1}, "a": [1]}')).toEqual(JSON.parse('{"__proto__": {"x": 1}, "a": [1]}'));
  });
});
