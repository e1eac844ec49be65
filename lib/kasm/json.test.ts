import { describe, expect, it } from 'vitest';
import { JsonTextError, MAX_JSON_DEPTH, parseJson, parseJsonOrThrow, parseJsonValue } from './json';

describe('parseJsonValue: JSON.parse’s value, the one parser’s positions', () => {
  it('a valid text is read by JSON.parse, without parseJson’s depth limit', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 10)}1${']'.repeat(MAX_JSON_DEPTH + 10)}`;
    expect(parseJson(deep).ok).toBe(false);
    expect(parseJsonValue(deep).ok).toBe(true);
    expect(parseJsonValue('{"a":[1,{"b":null}]}')).toEqual({ ok: true, value: { a: [1, { b: null }] } });
  });

  it('a broken text gets the message, line and column parseJson gives (not the engine’s wording)', () => {
    for (const text of ['{"a":', '{"a":1,}', '[1,]', '{\n"a":1\n"b":2}', "{'a':1}", '{"a":NaN}', '{} {}']) {
      const strict = parseJson(text);
      if (strict.ok) throw new Error(`parseJson accepted ${text}`);
      expect(parseJsonValue(text)).toEqual({ ok: false, message: strict.message, line: strict.line, column: strict.column });
    }
    expect(parseJsonValue('{\n  "bip": "x",\n}')).toEqual({ ok: false, message: 'Trailing comma before "}"', line: 3, column: 1 });
  });

  it('parseJsonOrThrow ends its message with where', () => {
    expect(parseJsonOrThrow('[1]')).toEqual([1]);
    expect(() => parseJsonOrThrow('{"hosts": [')).toThrow(new JsonTextError('Unexpected end of input', 1, 12));
    expect(() => parseJsonOrThrow('{"hosts": [')).toThrow('Unexpected end of input (line 1, column 12)');
  });
});
