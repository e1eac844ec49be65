import type { z } from 'zod';

/**
 * A form's state in the URL so a link reproduces it: one search parameter per
 * field that differs from its default (strings as they are, everything else
 * as JSON), read back field by field with the form's own schema, so a bad
 * parameter falls back to the default instead of breaking the page.
 */
export function encodeFormState<T extends Record<string, unknown>>(form: T, defaults: T): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    if (JSON.stringify(value) === JSON.stringify(defaults[key])) continue;
    params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return params;
}

export type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * Each form field present in the URL: the value its schema accepts (as JSON,
 * else as the raw string); a value it refuses is kept as typed when
 * `keepRefused` (so a whole-form parse can report it), else left out.
 */
export function readFormFields<S extends ObjectSchema>(schema: S, params: URLSearchParams, keepRefused: boolean): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const s = params.get(key);
    if (s === null) continue;
    const candidates: unknown[] = [s];
    try {
      candidates.unshift(JSON.parse(s));
    } catch {
      // not JSON: the raw string is the only candidate
    }
    const ok = candidates.find((c) => (field as z.ZodType).safeParse(c).success);
    if (ok !== undefined) raw[key] = ok;
    else if (keepRefused) raw[key] = s;
  }
  return raw;
}

export function decodeFormState<S extends ObjectSchema>(schema: S, params: URLSearchParams): z.infer<S> {
  const r = schema.safeParse(readFormFields(schema, params, false));
  return r.success ? r.data : schema.parse({});
}
