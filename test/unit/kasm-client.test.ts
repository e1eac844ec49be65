import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvError, parseEnv } from '@/lib/server/env';
import { KASM_READ_VERBS, isAllowedKasmVerb, kasmCall } from '@/lib/server/kasm/client';
import { kasmConfigFromEnv } from '@/lib/server/kasm/config';

const config = { url: 'https://127.0.0.1:1', apiKey: 'k', apiKeySecret: 'not-sent-anywhere', timeoutMs: 500 };

describe('Kasm client: read-only allow-list', () => {
  it('allows exactly the four read verbs', () => {
    expect([...KASM_READ_VERBS]).toEqual(['get_images', 'get_groups', 'get_settings_group', 'get_storage_providers']);
    const WRITE = ['update', 'image'].join('_');
    for (const verb of [WRITE, 'delete_image', 'create_image', 'get_images/../update_image', 'get_user', 'request_kasm', 'GET_IMAGES', ''])
      expect(isAllowedKasmVerb(verb), verb).toBe(false);
  });

  it('refuses any other verb before a request is made', async () => {
    await expect(kasmCall(config, ['update', 'settings_group'].join('_'), z.unknown())).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('no write verb is named anywhere in the code', () => {
    // git grep over the shipped code (not tests or docs): the dashboard cannot call what it does not name.
    const pattern = ['update', '_'].join('');
    let out = '';
    try {
      out = execFileSync('git', ['grep', '--untracked', '-n', '-i', pattern, '--', 'app', 'lib', 'components', 'proxy.ts', 'scripts'], { encoding: 'utf8' });
    } catch (err) {
      // git grep exits 1 when nothing matches
      if (!(err instanceof Error && 'status' in err && err.status === 1)) throw err;
    }
    expect(out).toBe('');
  });

  it('an unreachable Kasm is a typed kasm_unreachable error without the secret', async () => {
    const err: unknown = await kasmCall(config, 'get_images', z.unknown()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'kasm_unreachable', status: 502 });
    expect(String((err as Error).message)).toMatch(/^Kasm is unreachable at https:\/\/127\.0\.0\.1:1: connection refused\.$/);
    expect(JSON.stringify(err)).not.toContain('not-sent-anywhere');
  });
});

describe('Kasm configuration (env)', () => {
  it('is off without KASM_URL', () => {
    expect(kasmConfigFromEnv(parseEnv({}))).toBeNull();
  });
  it('needs https, a key and one secret; never echoes the secret', () => {
    expect(() => parseEnv({ KASM_URL: 'http://kasm.example.com', KASM_API_KEY: 'k', KASM_API_KEY_SECRET: 'SECRET-xyz' })).toThrow(/KASM_URL: must be the https:\/\//);
    expect(() => parseEnv({ KASM_URL: 'https://kasm.example.com' })).toThrow(EnvError);
    try {
      parseEnv({ KASM_URL: 'https://kasm.example.com', KASM_API_KEY: 'k', KASM_API_KEY_SECRET: 'SECRET-xyz', KASM_API_KEY_SECRET_FILE: '/run/secret' });
      expect.unreachable();
    } catch (err) {
      expect((err as EnvError).problems).toEqual(['KASM_API_KEY_SECRET_FILE: set either KASM_API_KEY_SECRET or KASM_API_KEY_SECRET_FILE, not both (got "/run/secret")']);
      expect(String(err)).not.toContain('SECRET-xyz');
    }
  });
  it('builds the client config', () => {
    const env = parseEnv({ KASM_URL: 'https://kasm.example.com/', KASM_API_KEY: 'k', KASM_API_KEY_SECRET: 's3cret', KASM_TIMEOUT_MS: '2500' });
    expect(kasmConfigFromEnv(env)).toEqual({ url: 'https://kasm.example.com', apiKey: 'k', apiKeySecret: 's3cret', timeoutMs: 2500 });
  });
});
